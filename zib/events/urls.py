"""Public URLs of the events app (inside the language prefix)."""

from django.urls import path

from . import views

app_name = "events"

urlpatterns = [
    path("anmeldung/<int:event_id>/", views.register, name="register"),
    path("anmeldung/meine/<str:token>/", views.registration_detail, name="registration"),
    path("kalender/veranstaltungen.ics", views.calendar_feed, name="calendar_feed"),
    path("kalender/veranstaltung-<int:event_id>.ics", views.event_calendar, name="event_calendar"),
]
