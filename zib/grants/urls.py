"""URLs of the applicant area, mounted under /<language>/foerderung/antrag/."""

from django.urls import path

from . import views

app_name = "grants"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("anmelden/", views.sign_in, name="sign_in"),
    path("anmelden/<str:token>/", views.sign_in_confirm, name="sign_in_confirm"),
    path("abmelden/", views.sign_out, name="sign_out"),
    path("organisation/", views.organisation, name="organisation"),
    path("meine-daten/", views.my_data, name="my_data"),
    path("neu/<int:call_id>/", views.start, name="start"),
    path("<uuid:public_id>/", views.application_detail, name="application"),
    path("<uuid:public_id>/schritt/<slug:step>/", views.step, name="step"),
    path("<uuid:public_id>/verwendungsnachweis/", views.usage_report, name="usage_report"),
    path("<uuid:public_id>/eingangsbestaetigung.pdf", views.receipt, name="receipt"),
    path("<uuid:public_id>/bescheid.pdf", views.decision_letter, name="decision_letter"),
    path("<uuid:public_id>/anlagen/<int:attachment_id>/", views.attachment_download, name="attachment"),
    path(
        "<uuid:public_id>/anlagen/<int:attachment_id>/entfernen/",
        views.attachment_delete,
        name="attachment_delete",
    ),
]
