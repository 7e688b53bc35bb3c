"""Admin: the translation dashboard ("Übersetzungen") in the main menu."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import views


@hooks.register("register_admin_urls")
def register_dashboard_url():
    return [
        path("uebersetzungen/", views.translation_dashboard, name="zib_translation_dashboard"),
        path(
            "uebersetzungen/geprueft/<int:status_id>/",
            views.mark_reviewed,
            name="zib_translation_mark_reviewed",
        ),
    ]


@hooks.register("register_admin_menu_item")
def register_dashboard_menu_item():
    return MenuItem(
        _("Übersetzungen"),
        reverse("zib_translation_dashboard"),
        name="uebersetzungen",
        icon_name="globe",
        order=850,
    )
