"""Public URLs of the events app (inside the language prefix)."""

from django.urls import path

from . import views

app_name = "events"

urlpatterns = [
    path("<int:event_id>/", views.register, name="register"),
    path("meine/<str:token>/", views.registration_detail, name="registration"),
]
