"""The funding pages recall their programmes, deadlines, calls and documents per cache generation."""

from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from zib.people.tests.factories import PersonFactory

from .factories import FundingProgrammePageFactory, ProgrammeDeadlineFactory, RequiredDocumentFactory

pytestmark = pytest.mark.django_db

# Queries of each page without the page cache: with the in-process caches
# empty (cold) and once they hold the site, the route, the page's lists and
# its fragments (warm). The guide's are the same for 5 and for 20
# programmes. Update them only on purpose.
GUIDE_QUERIES_COLD = 18
GUIDE_QUERIES = 0
CALL_QUERIES_COLD = 18
CALL_QUERIES = 0
PROGRAMME_QUERIES_COLD = 17
PROGRAMME_QUERIES = 0


def days(n):
    return timezone.localdate() + timedelta(days=n)


def cold_and_warm(client, url, forget):
    client.get(url)
    client.get(url)  # a fresh site's first request starts a new cache generation
    forget()
    with CaptureQueriesContext(connection) as cold:
        assert client.get(url).status_code == 200
    with CaptureQueriesContext(connection) as warm:
        response = client.get(url)
    return len(cold.captured_queries), len(warm.captured_queries), response


def text(client, url, selector="main"):
    soup = BeautifulSoup(client.get(url).content, "html.parser")
    return soup.select_one(selector).get_text(" ", strip=True)


@pytest.mark.parametrize("count", [5, 20])
def test_guide_query_counts_cold_and_warm(client, guide, call, count, no_page_cache, forget_local_caches):
    guide.contact_person = PersonFactory(name="Beraterin Beispiel")
    guide.save_revision().publish()
    for n in range(count):
        ProgrammeDeadlineFactory(page=FundingProgrammePageFactory(parent=guide, title=f"Programm {n:02d}"))
    cold, warm, response = cold_and_warm(client, guide.url, forget_local_caches)
    assert (cold, warm) == (GUIDE_QUERIES_COLD, GUIDE_QUERIES)
    html = response.content.decode()
    assert html.count('class="teaser"') == count + 1  # the programmes and the call
    assert "Beraterin Beispiel" in html


def test_call_and_programme_query_counts_cold_and_warm(
    client, guide, call, no_page_cache, forget_local_caches
):
    person = PersonFactory(name="Beraterin Beispiel")
    call.contact_person = person
    call.save_revision().publish()
    programme = FundingProgrammePageFactory(parent=guide, contact_person=person)
    ProgrammeDeadlineFactory(page=programme, label="Erste Runde")

    cold, warm, response = cold_and_warm(client, call.url, forget_local_caches)
    assert (cold, warm) == (CALL_QUERIES_COLD, CALL_QUERIES)
    assert "Satzung" in response.content.decode() and "Beraterin Beispiel" in response.content.decode()

    cold, warm, response = cold_and_warm(client, programme.url, forget_local_caches)
    assert (cold, warm) == (PROGRAMME_QUERIES_COLD, PROGRAMME_QUERIES)
    assert "Erste Runde" in response.content.decode() and "Beraterin Beispiel" in response.content.decode()


def test_remembered_guide_follows_publishing_and_edits(client, guide, no_page_cache):
    first = FundingProgrammePageFactory(parent=guide, title="Bundesprogramm", funder_level="federal")
    assert "Bundesprogramm" in text(client, guide.url)
    assert "Zurzeit sind keine Fristen eingetragen." in text(client, guide.url)

    # A new programme, a new deadline and a changed title show at once.
    FundingProgrammePageFactory(parent=guide, title="Landesprogramm", funder_level="state")
    ProgrammeDeadlineFactory(page=first, date=days(12), label="Frühjahrsrunde")
    first.title = "Bundesprogramm Teilhabe"
    first.save_revision().publish()
    deadlines = text(client, guide.url, ".grants-deadlines")
    assert "Frühjahrsrunde" in deadlines and "Bundesprogramm Teilhabe" in deadlines
    programmes = text(client, guide.url, "section[aria-labelledby=programmes]")
    assert "Landesprogramm" in programmes and "Bundesprogramm Teilhabe" in programmes
    federal = text(client, guide.url + "?ebene=federal", "section[aria-labelledby=programmes]")
    assert "Landesprogramm" not in federal

    # Unpublished: gone from the programmes and from the deadlines.
    first.unpublish()
    assert "Bundesprogramm" not in text(client, guide.url)
    assert "Zurzeit sind keine Fristen eingetragen." in text(client, guide.url)


def test_remembered_call_and_programme_follow_edits(client, guide, call, no_page_cache):
    person = PersonFactory(name="Beraterin Beispiel")
    programme = FundingProgrammePageFactory(parent=guide, contact_person=person)
    assert "Beraterin Beispiel" in text(client, programme.url)
    assert "Zurzeit keine Frist bekannt" in text(client, programme.url)
    assert "Vereinsregisterauszug" not in text(client, call.url)

    ProgrammeDeadlineFactory(page=programme, date=days(3), label="Herbstrunde")
    RequiredDocumentFactory(page=call, label="Vereinsregisterauszug", mandatory=False)
    person.name = "Berater Neu"
    person.save()
    assert "Herbstrunde" in text(client, programme.url)
    assert "Berater Neu" in text(client, programme.url)
    assert "Vereinsregisterauszug (freiwillig)" in text(client, call.url)


def test_what_depends_on_the_date_is_kept_until_the_day_ends(
    client, guide, remembered_timeouts, no_page_cache, forget_local_caches
):
    from zib.grants.remembered import seconds_until_tomorrow

    programme = FundingProgrammePageFactory(parent=guide)
    ProgrammeDeadlineFactory(page=programme, date=days(1))
    client.get(guide.url)
    forget_local_caches()
    timeouts = remembered_timeouts
    timeouts.clear()  # only what the request below remembers
    client.get(guide.url)
    client.get(programme.url)
    kept = [timeout for key, timeout in timeouts.items() if key.startswith("grants:")]
    assert len(kept) == 3  # the guide's objects and outline, the programme's deadlines
    assert all(0 < timeout <= seconds_until_tomorrow() + 1 for timeout in kept)


def test_a_preview_shows_its_draft_rows_and_keeps_none_of_them(client, guide, call, no_page_cache):
    from zib.grants.models import ProgrammeDeadline, RequiredDocument

    programme = FundingProgrammePageFactory(parent=guide)
    ProgrammeDeadlineFactory(page=programme, date=days(5), label="Veröffentlichte Runde")
    assert "Veröffentlichte Runde" in text(client, programme.url)
    assert "Satzung" in text(client, call.url)

    draft = programme.get_latest_revision_as_object()
    draft.deadlines = [ProgrammeDeadline(date=days(8), label="Entwurfsrunde")]
    preview = draft.make_preview_request()
    assert "Entwurfsrunde" in preview.render().content.decode()

    draft_call = call.get_latest_revision_as_object()
    draft_call.required_documents = [RequiredDocument(label="Entwurfsunterlage")]
    preview = draft_call.make_preview_request()
    html = preview.render().content.decode()
    assert "Entwurfsunterlage" in html and "Satzung" not in html

    live = text(client, programme.url)
    assert "Veröffentlichte Runde" in live and "Entwurfsrunde" not in live
    live = text(client, call.url)
    assert "Satzung" in live and "Entwurfsunterlage" not in live
