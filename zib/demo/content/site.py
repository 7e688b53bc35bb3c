"""The start page, the default site and the office's settings."""

from wagtail.models import Locale, Page, Site

from zib.home.models import HomePage
from zib.pages.models import OfficeSettings, SocialChannel

HOME_SLUG = "start"

SOCIAL_CHANNELS = [
    ("Instagram", "@zib.saarbruecken", "https://www.instagram.com/zib.saarbruecken/"),
    ("Facebook", "ZIB Saarbrücken", "https://www.facebook.com/zib.saarbruecken/"),
]


def load(ctx):
    locale = Locale.objects.get_or_create(language_code="de")[0]
    root = Page.get_first_root_node() or Page.add_root(
        instance=Page(title="Root", slug="root", locale=locale)
    )
    home = HomePage.objects.filter(locale=locale, depth=2).first()
    if home is None:
        home = root.add_child(
            instance=HomePage(
                title="Zuwanderungs- und Integrationsbüro",
                slug=HOME_SLUG,
                locale=locale,
                seo_title="Zuwanderungs- und Integrationsbüro Saarbrücken",
                search_description=(
                    "Das Zuwanderungs- und Integrationsbüro (ZIB) der Landeshauptstadt Saarbrücken: "
                    "Aktuelles, Veranstaltungen, Podcast, Team und Förderung."
                ),
                intro=(
                    "<p>Das Zuwanderungs- und Integrationsbüro (ZIB) engagiert sich für "
                    "Chancengleichheit und ein gutes Zusammenleben von zugewanderten und "
                    "alteingesessenen Saarbrückerinnen und Saarbrückern.</p>"
                ),
            )
        )
    # Wagtail's placeholder "Welcome" page is replaced by the start page.
    Page.objects.filter(depth=2, content_type__model="page", content_type__app_label="wagtailcore").exclude(
        pk=home.pk
    ).delete()
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(
            hostname="localhost", port=80, root_page=home, is_default_site=True, site_name="ZIB Saarbrücken"
        )
    elif site.root_page_id != home.pk:
        site.root_page = home
        site.site_name = "ZIB Saarbrücken"
        site.save()
    ctx.pages["home"] = home

    office = OfficeSettings.load()
    office.office_name = "Zuwanderungs- und Integrationsbüro (ZIB)"
    office.department = "Stabsstelle im Dezernat für Finanzen und Nachhaltigkeit"
    office.city = "Landeshauptstadt Saarbrücken"
    office.street = "Rathausplatz 1"
    office.postal_code = "66111"
    office.locality = "Saarbrücken"
    office.email = "zib@saarbruecken.de"
    office.phone = "+49 681 905-0"
    office.save()
    for order, (name, handle, url) in enumerate(SOCIAL_CHANNELS):
        SocialChannel.objects.update_or_create(
            settings=office, name=name, defaults={"handle": handle, "url": url, "sort_order": order}
        )
    ctx.extra["office"] = office
