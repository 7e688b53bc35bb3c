"""`{% next_council_meeting %}`: the council's next meeting, e.g. on the start page."""

from django import template
from wagtail.models import Locale

from ..models import CouncilPage
from ..services import next_meeting

register = template.Library()


@register.inclusion_tag("council/includes/next_meeting.html")
def next_council_meeting():
    meeting = next_meeting()
    page = None
    if meeting is not None:
        pages = CouncilPage.objects.live().public()
        page = (
            pages.filter(locale=Locale.get_active()).first()
            or pages.filter(locale=Locale.get_default()).first()
        )
        if page is not None:
            meeting.url = page.url + page.reverse_subpage("meeting", args=[meeting.pk])
    return {"meeting": meeting, "council_page": page}
