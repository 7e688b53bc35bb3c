"""Registration: seats, waiting list, deadline, duplicates, the cancel link, the last-seat race."""

import datetime
import threading
import time

import pytest
from bs4 import BeautifulSoup
from django.core import mail
from django.db import OperationalError, connection, connections
from django.urls import reverse
from django.utils import timezone
from wagtail.models import ModelLogEntry

from zib.events import services
from zib.events.models import EventPage, Registration

from .factories import EventPageFactory

pytestmark = pytest.mark.django_db


def _event(parent, **kwargs):
    defaults = {"registration_enabled": True, "capacity": 2, "waiting_list_enabled": True}
    return EventPageFactory(parent=parent, **{**defaults, **kwargs})


def _register(event, email, name="Amal"):
    return services.register(event, name=name, email=email)


def test_seats_then_waiting_list_then_move_up_on_cancel(events_index, django_capture_on_commit_callbacks):
    event = _event(events_index)
    with django_capture_on_commit_callbacks(execute=True):
        first = _register(event, "a@example.org")
        second = _register(event, "b@example.org")
        third = _register(event, "c@example.org")
        fourth = _register(event, "d@example.org")
    assert [r.outcome for r in (first, second, third, fourth)] == [
        "confirmed",
        "confirmed",
        "waitlisted",
        "waitlisted",
    ]
    assert len(mail.outbox) == 4
    assert "Warteliste" in mail.outbox[2].subject

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        result = services.cancel_registration(first.registration)
    assert [r.pk for r in result.promoted] == [third.registration.pk]
    statuses = dict(Registration.objects.values_list("email", "status"))
    assert statuses == {
        "a@example.org": "cancelled",
        "b@example.org": "confirmed",
        "c@example.org": "confirmed",
        "d@example.org": "waiting",
    }
    # The one who cancelled and the one who moved up are told.
    assert sorted(m.to[0] for m in mail.outbox) == ["a@example.org", "c@example.org"]
    promoted_mail = next(m for m in mail.outbox if m.to == ["c@example.org"])
    assert "nachgerückt" in promoted_mail.body
    # Every step is in the audit log, without personal data.
    actions = list(ModelLogEntry.objects.values_list("action", flat=True))
    assert actions.count("zib_events.registration.confirmed") == 2
    assert "zib_events.registration.promoted" in actions
    assert not ModelLogEntry.objects.filter(label__icontains="example.org").exists()


def test_cancelling_twice_changes_nothing(events_index):
    event = _event(events_index, capacity=1)
    first = _register(event, "a@example.org").registration
    waiting = _register(event, "b@example.org").registration
    services.cancel_registration(first)
    result = services.cancel_registration(first)
    assert result.promoted == []
    waiting.refresh_from_db()
    assert waiting.status == Registration.Status.CONFIRMED


def test_full_event_without_waiting_list_refuses(events_index):
    event = _event(events_index, capacity=1, waiting_list_enabled=False)
    _register(event, "a@example.org")
    with pytest.raises(services.EventFull):
        _register(event, "b@example.org")


def test_registration_closes_at_the_deadline(events_index):
    event = _event(events_index)
    event.registration_deadline = timezone.now() + datetime.timedelta(hours=1)
    event.save()
    with pytest.raises(services.RegistrationClosed):
        services.register(
            event, name="Amal", email="a@example.org", now=timezone.now() + datetime.timedelta(hours=2)
        )
    assert _register(event, "a@example.org").outcome == "confirmed"


@pytest.mark.parametrize("status", [EventPage.Status.CANCELLED, EventPage.Status.POSTPONED])
def test_no_registration_for_cancelled_or_postponed_events(events_index, status):
    event = _event(events_index, status=status, online_url="https://meet.example.org/")
    with pytest.raises(services.RegistrationClosed):
        _register(event, "a@example.org")


def test_double_registration_creates_nothing_and_resends_the_link(
    events_index, django_capture_on_commit_callbacks
):
    event = _event(events_index)
    first = _register(event, "a@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        again = services.register(event, name="Amal", email=" A@Example.org ")
    assert again.outcome == "duplicate"
    assert again.registration.pk == first.registration.pk
    assert Registration.objects.count() == 1
    assert (
        first.registration.token in mail.outbox[-1].body
        or reverse("events:registration", kwargs={"token": first.registration.token}) in mail.outbox[-1].body
    )
    # After cancelling, the same address may register again.
    services.cancel_registration(first.registration)
    assert _register(event, "a@example.org").outcome == "confirmed"


def test_translation_shares_the_seats_of_the_original(events_index):
    from wagtail.models import Locale

    event = _event(events_index, capacity=1)
    arabic = event.copy_for_translation(
        Locale.objects.get_or_create(language_code="ar")[0], copy_parents=True
    )
    arabic.save_revision().publish()
    arabic = EventPage.objects.get(pk=arabic.pk)
    _register(arabic, "a@example.org")
    assert _register(event, "b@example.org").outcome == "waitlisted"
    assert Registration.objects.filter(event=event).count() == 2


# --- over HTTP --------------------------------------------------------------


def _form(**overrides):
    data = {"name": "Amal Haddad", "email": "amal@example.org", "phone": "", "note": "", "privacy": "on"}
    return {**data, **overrides}


def test_register_over_http_and_cancel_with_the_emailed_link(
    client, events_index, django_capture_on_commit_callbacks
):
    event = _event(events_index, capacity=1)
    page = client.get(event.url)
    assert "Verbindlich anmelden" in page.content.decode()
    assert not page.cookies  # no cookie for anonymous visitors, not even CSRF

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("events:register", kwargs={"event_id": event.pk}), _form())
    assert response.status_code == 303
    registration = Registration.objects.get()
    assert response["Location"] == reverse("events:registration", kwargs={"token": registration.token})
    (message,) = mail.outbox
    assert message.to == ["amal@example.org"]
    assert f"http://testserver/de/anmeldung/meine/{registration.token}/" in message.body

    detail = client.get(response["Location"])
    assert detail.status_code == 200
    assert detail["Referrer-Policy"] == "no-referrer"
    assert "Sie sind angemeldet" in detail.content.decode()
    registration.refresh_from_db()
    assert registration.status == "confirmed"  # GET (e.g. a mail scanner) cancels nothing

    with django_capture_on_commit_callbacks(execute=True):
        cancelled = client.post(response["Location"])
    assert "Sie sind abgemeldet" in cancelled.content.decode()
    registration.refresh_from_db()
    assert registration.status == "cancelled"


def test_cross_site_posts_are_refused_without_any_cookie(events_index):
    from django.test import Client

    event = _event(events_index)
    browser = Client(enforce_csrf_checks=True)
    url = reverse("events:register", kwargs={"event_id": event.pk})
    page = browser.get(event.url)
    assert not page.cookies
    assert browser.post(url, _form(), HTTP_ORIGIN="https://evil.example").status_code == 403
    response = browser.post(url, _form(), HTTP_ORIGIN="http://testserver")
    assert response.status_code == 303
    assert not response.cookies
    cancel = browser.post(response["Location"], HTTP_ORIGIN="https://evil.example")
    assert cancel.status_code == 403
    assert Registration.objects.get().status == "confirmed"


def test_forged_or_malformed_tokens_are_404(client, events_index):
    event = _event(events_index)
    registration = _register(event, "a@example.org").registration
    for token in [registration.token + "x", "abc", "x" * 500, registration.token.replace(":", "")]:
        response = client.get(reverse("events:registration", kwargs={"token": token}))
        assert response.status_code == 404
    assert client.put(reverse("events:registration", kwargs={"token": registration.token})).status_code == 405


def test_invalid_form_keeps_input_and_links_errors(client, events_index):
    event = _event(events_index)
    response = client.post(
        reverse("events:register", kwargs={"event_id": event.pk}),
        _form(email="kein-at-zeichen", name="Amal Haddad", privacy=""),
    )
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    summary = soup.find(class_="error-summary")
    assert summary is not None and summary["role"] == "alert"
    assert summary.find("a", href="#id_email")
    email = soup.find("input", id="id_email")
    assert email["value"] == "kein-at-zeichen"
    assert email["aria-invalid"] == "true"
    assert "id_email_error" in email["aria-describedby"]
    assert soup.find(id="id_email_error")
    assert soup.find("input", id="id_name")["value"] == "Amal Haddad"
    assert not Registration.objects.exists()


def test_closed_registration_says_so(client, events_index):
    event = _event(events_index, capacity=1, waiting_list_enabled=False)
    _register(event, "a@example.org")
    response = client.post(reverse("events:register", kwargs={"event_id": event.pk}), _form())
    assert response.status_code == 200
    assert "ausgebucht" in response.content.decode()
    assert Registration.objects.count() == 1


def test_register_refuses_get_unknown_events_and_bots(client, events_index):
    event = _event(events_index)
    url = reverse("events:register", kwargs={"event_id": event.pk})
    assert client.get(url).status_code == 405
    assert client.post(reverse("events:register", kwargs={"event_id": 999999}), _form()).status_code == 404
    assert client.post(url, _form(website="http://spam.example")).status_code == 303
    assert not Registration.objects.exists()


# --- the last seat ------------------------------------------------------------


def test_the_service_locks_the_event_row_before_counting(events_index, django_assert_max_num_queries):
    """On PostgreSQL the seat count runs under SELECT … FOR UPDATE of the event row."""
    from django.test.utils import CaptureQueriesContext

    event = _event(events_index)
    with CaptureQueriesContext(connection) as queries:
        _register(event, "a@example.org")
    sql = [query["sql"] for query in queries.captured_queries]
    lock = next(i for i, q in enumerate(sql) if 'FROM "events_eventpage"' in q and "WHERE" in q)
    count = next(i for i, q in enumerate(sql) if "COUNT(" in q and "events_registration" in q)
    assert lock < count
    if connection.features.has_select_for_update:
        assert "FOR UPDATE" in sql[lock]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_people_taking_the_last_seat_at_once_do_not_both_get_it(home_page):
    from .factories import EventIndexPageFactory

    index = EventIndexPageFactory(parent=home_page)
    event = _event(index, capacity=1, waiting_list_enabled=False)
    attempts = 6
    barrier = threading.Barrier(attempts)
    outcomes = []

    def attempt(number):
        try:
            barrier.wait(timeout=10)
            for _try in range(200):
                try:
                    outcomes.append(str(_register(event, f"person{number}@example.org").outcome))
                    return
                except OperationalError as error:
                    # The in-memory test database of SQLite (shared cache) reports a held write
                    # lock at once instead of waiting like a database file (busy_timeout) does.
                    if "locked" not in str(error):
                        raise
                    time.sleep(0.01)
        except services.EventFull:
            outcomes.append("full")
        finally:
            connections.close_all()  # this thread's connection; else the test database stays in use

    threads = [threading.Thread(target=attempt, args=(n,)) for n in range(attempts)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert sorted(outcomes) == ["confirmed"] + ["full"] * (attempts - 1)
    assert Registration.objects.filter(status="confirmed").count() == 1


def test_mail_speaks_the_language_of_the_registration(events_index, django_capture_on_commit_callbacks):
    from wagtail.models import Locale

    event = _event(events_index)
    arabic = event.copy_for_translation(
        Locale.objects.get_or_create(language_code="ar")[0], copy_parents=True
    )
    arabic.title = "كشك معلومات"
    arabic.save_revision().publish()
    with django_capture_on_commit_callbacks(execute=True):
        result = services.register(event, name="Amal", email="amal@example.org", language="ar")
    (message,) = mail.outbox
    assert "كشك معلومات" in message.body
    assert f"/ar/anmeldung/meine/{result.registration.token}/" in message.body


def test_mail_in_a_language_the_site_does_not_offer_links_to_the_german_page(
    events_index, django_capture_on_commit_callbacks
):
    """Django knows Dutch, but the site has no Dutch Locale: /nl/ addresses would not answer."""
    event = _event(events_index)
    with django_capture_on_commit_callbacks(execute=True):
        result = services.register(event, name="Anna", email="anna@example.org", language="nl")
    (message,) = mail.outbox
    assert f"/de/anmeldung/meine/{result.registration.token}/" in message.body
    assert "/nl/" not in message.body
