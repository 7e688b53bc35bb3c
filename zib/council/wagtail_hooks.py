"""Admin registration of the Integrationsbeirat."""

from wagtail.snippets.models import register_snippet

from .viewsets import CouncilViewSetGroup

register_snippet(CouncilViewSetGroup)
