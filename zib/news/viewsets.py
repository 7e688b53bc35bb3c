"""Admin for the news: topics as a snippet with list columns and filters."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Topic


class TopicViewSet(SnippetViewSet):
    """Topics ("Themen") that editors attach to articles."""

    model = Topic
    icon = "tag"
    menu_label = _("Themen")
    menu_order = 210
    add_to_admin_menu = True
    list_display = ["name", "slug", "locale"]
    list_filter = ["locale"]
    search_fields = ["name"]
    ordering = ["name"]
