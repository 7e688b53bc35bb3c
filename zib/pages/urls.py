"""Public URLs of the pages app (inside the language prefix)."""

from django.urls import path

from . import views

app_name = "pages"

urlpatterns = [
    path("kontakt/<int:page_id>/", views.contact_submit, name="contact_submit"),
]
