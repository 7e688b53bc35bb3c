"""The people of the seed: team, podcast host and guest, speakers, the author "(sbs)".

Only what the seed says is recorded. Adèle Robart's internship starts on
the day the article introducing her appeared ("die heute ihr zweimonatiges
Praktikum bei uns beginnt") and lasts two months; once the news part has
run, the start is taken from that article.
"""

import datetime

from wagtail.models import Locale

from zib.people.models import Person, TeamMembership

# The date of the seed's article "Praktikum beim ZIB" (used until the news part says otherwise).
INTERNSHIP_START = datetime.date(2021, 5, 3)

PEOPLE = [
    {
        "slug": "adele-robart",
        "name": "Adèle Robart",
        "role": "Praktikantin",
        "short_bio": "Studentin im Masterstudiengang Border Studies. Zweimonatiges Praktikum beim ZIB.",
        "photo": "adele-robart",
    },
    {
        "slug": "rodica-petcu",
        "name": "Rodica Petcu",
        "role": "Sozialarbeiterin und Märchenerzählerin",
        "short_bio": (
            "Im Podcast „Tolle Leute“ erzählt die Sozialarbeiterin Rodica Petcu, wie sie auch zur "
            "Märchenerzählerin wurde."
        ),
        "photo": "rodica-petcu",
    },
    {
        "slug": "veronika-kabis",
        "name": "Veronika Kabis",
        "role": "Moderatorin des Podcasts „Tolle Leute“",
        "short_bio": "Alle zwei Wochen stellt Veronika Kabis interessante Menschen in ihrem Podcast vor.",
    },
    {
        "slug": "uwe-conradt",
        "name": "Uwe Conradt",
        "role": "Oberbürgermeister der Landeshauptstadt Saarbrücken",
    },
    {
        "slug": "peter-gillo",
        "name": "Peter Gillo",
        "role": "Regionalverbandsdirektor",
    },
    {
        "slug": "sbs",
        "name": "Redaktion des ZIB",
        "role": "Redaktion",
        "initials": "sbs",
    },
]


def add_months(day, months):
    """The same day `months` later (clamped to the month's end)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    for candidate in (31, 30, 29, 28):
        try:
            return day.replace(year=year, month=month, day=min(day.day, candidate))
        except ValueError:
            continue
    raise ValueError(day)


def internship_dates(start):
    """A two-month internship from `start`: (first day, last day)."""
    return start, add_months(start, 2) - datetime.timedelta(days=1)


def _membership(person, kind, position="", start=None, end=None):
    membership, _created = TeamMembership.objects.update_or_create(
        person=person, kind=kind, defaults={"position": position, "start_date": start, "end_date": end}
    )
    return membership


def load(ctx):
    locale = Locale.objects.get_or_create(language_code="de")[0]
    for entry in PEOPLE:
        entry = dict(entry)
        slug = entry.pop("slug")
        photo_key = entry.pop("photo", None)
        defaults = {"short_bio": "", "initials": "", **entry}
        if photo_key:
            defaults["photo"] = ctx.images.get(photo_key)
        person, _created = Person.objects.update_or_create(locale=locale, slug=slug, defaults=defaults)
        ctx.people[slug] = person

    start, end = internship_dates(INTERNSHIP_START)
    _membership(ctx.people["adele-robart"], TeamMembership.Kind.INTERN, "", start, end)
    # The seed names Veronika Kabis as part of the office's podcast; no start date is known.
    _membership(ctx.people["veronika-kabis"], TeamMembership.Kind.STAFF, "Podcast „Tolle Leute“")

    ctx.extra.setdefault("after_load", []).append(align_internship_with_article)


def align_internship_with_article(ctx):
    """Start the internship on the date of the live article that introduces Adèle Robart."""
    from zib.people.services import introductions_for

    person = ctx.people.get("adele-robart")
    articles = introductions_for(person) if person else []
    article_date = getattr(articles[-1], "date", None) if articles else None  # the first introduction
    if article_date is None:
        return
    start, end = internship_dates(article_date)
    _membership(person, TeamMembership.Kind.INTERN, "", start, end)
