"""Admin registrations of the people app."""

from wagtail import hooks
from wagtail.snippets.models import register_snippet

from zib.images.services import IMAGE_USAGE_HOOK

from .services import team_photo_usages
from .viewsets import PersonViewSet

register_snippet(PersonViewSet)


@hooks.register(IMAGE_USAGE_HOOK)
def team_photos_on_team_page():
    """The team page shows the current team's photos: list them under "Bildnachweise"."""
    return team_photo_usages()
