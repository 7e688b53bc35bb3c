"""Public URLs of the partners' forms (under the language prefix)."""

from django.urls import path

from . import views

app_name = "organizations"

urlpatterns = [
    path("vorschlagen/", views.propose, name="propose"),
    path("vorschlagen/gesendet/", views.proposal_sent, name="proposal_sent"),
    path("<slug:slug>/aendern/", views.propose, name="propose_change"),
    path("bestaetigen/<str:token>/", views.confirm_proposal, name="confirm_proposal"),
    path("ueberarbeiten/<str:token>/", views.revise_proposal, name="revise_proposal"),
    path("aktuell/<str:token>/", views.confirm_entry, name="confirm_entry"),
]
