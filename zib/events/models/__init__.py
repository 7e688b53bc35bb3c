"""Events, campaign weeks, registrations and videos: one import point."""

from .languages import Language, validate_bcp47
from .pages import (
    CampaignPage,
    CampaignPageOrganization,
    CampaignStatement,
    EventIndexPage,
    EventPage,
    EventPageOrganization,
    OrganizationRole,
)
from .registrations import EventSettings, Registration
from .videos import Video, VideoCaption

__all__ = [
    "CampaignPage",
    "CampaignPageOrganization",
    "CampaignStatement",
    "EventIndexPage",
    "EventPage",
    "EventPageOrganization",
    "EventSettings",
    "Language",
    "OrganizationRole",
    "Registration",
    "Video",
    "VideoCaption",
    "validate_bcp47",
]
