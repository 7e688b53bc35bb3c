"""OParl 1.1: which council data is public, and how each object is written.

Rules kept here (OParl 1.1, chapters "Objektlisten", "Gelöschte Objekte"):
every object has `id` (its absolute URL), `type`, `created`, `modified`;
objects that were public once and are gone or withdrawn stay reachable as
`{"id", "type", "created", "modified", "deleted": true}`; nothing that is
not public (unpublished meetings and papers, non-public agenda items'
content, members without consent) is ever written.
"""

import mimetypes

from django.db.models import Exists, OuterRef, Prefetch, Q
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Locale

from . import models

OPARL_VERSION = "https://schema.oparl.org/1.1/"
TYPE_BASE = "https://schema.oparl.org/1.1/"

# OParl type name -> URL name of the object view.
OPARL_TYPES_BY_MODEL = {
    models.LegislativeTerm: "LegislativeTerm",
    models.Committee: "Organization",
    models.Member: "Person",
    models.Membership: "Membership",
    models.Location: "Location",
    models.CouncilFile: "File",
    models.Meeting: "Meeting",
    models.AgendaItem: "AgendaItem",
    models.Paper: "Paper",
    models.Consultation: "Consultation",
}

URL_NAMES = {
    "System": "system",
    "Body": "body",
    "LegislativeTerm": "legislativeterm",
    "Organization": "organization",
    "Person": "person",
    "Membership": "membership",
    "Location": "location",
    "File": "file",
    "Meeting": "meeting",
    "AgendaItem": "agendaitem",
    "Paper": "paper",
    "Consultation": "consultation",
}

BODY_ID = 1

MEETING_STATES = {
    models.Meeting.State.SCHEDULED: "terminiert",
    models.Meeting.State.INVITED: "eingeladen",
    models.Meeting.State.HELD: "durchgeführt",
    models.Meeting.State.CANCELLED: "abgesagt",
}


def oparl_type(name):
    return TYPE_BASE + name


def when(value):
    """date-time with offset, as OParl wants it."""
    if value is None:
        return None
    return timezone.localtime(value).isoformat(timespec="seconds")


def day(value):
    return value.isoformat() if value else None


class Urls:
    """Builds absolute OParl URLs for one request."""

    def __init__(self, request):
        self.request = request

    def absolute(self, path):
        return self.request.build_absolute_uri(path)

    def object(self, type_name, pk):
        return self.absolute(reverse(f"oparl:{URL_NAMES[type_name]}", args=[pk]))

    def system(self):
        return self.absolute(reverse("oparl:system"))

    def body(self):
        return self.object("Body", BODY_ID)

    def body_list(self, name):
        return self.absolute(reverse(f"oparl:body_{name}", args=[BODY_ID]))

    def body_collection(self):
        return self.absolute(reverse("oparl:body_list"))


def _base(urls, type_name, obj):
    return {
        "id": urls.object(type_name, obj.pk),
        "type": oparl_type(type_name),
        "created": when(obj.created),
        "modified": when(obj.modified),
    }


def _clean(data):
    """Drop empty optional values (OParl: leave out rather than send null or "")."""
    return {key: value for key, value in data.items() if value not in (None, "", [])}


def deleted_stub(urls, type_name, pk, created, modified):
    return {
        "id": urls.object(type_name, pk),
        "type": oparl_type(type_name),
        "created": when(created),
        "modified": when(modified),
        "deleted": True,
    }


# --- Visibility --------------------------------------------------------------------------


def default_locale_id():
    return Locale.get_default().pk


def meetings_in_api():
    """Meetings that were published at some point (withdrawn ones come out as deleted)."""
    return models.Meeting.objects.filter(locale_id=default_locale_id(), first_published_at__isnull=False)


def papers_in_api():
    return models.Paper.objects.filter(first_published_at__isnull=False)


def members_in_api():
    return models.Member.objects.filter(name_published_since__isnull=False)


def agenda_items_in_api():
    return models.AgendaItem.objects.filter(
        locale_id=default_locale_id(), meeting__first_published_at__isnull=False
    )


def consultations_in_api():
    """Consultations of published papers, never under a non-public agenda item."""
    return models.Consultation.objects.filter(paper__first_published_at__isnull=False).filter(
        Q(agenda_item__isnull=True) | Q(agenda_item__public=True)
    )


def memberships_in_api():
    return models.Membership.objects.filter(member__name_published_since__isnull=False)


def files_in_api():
    """Files that a currently public meeting, agenda item or paper links to."""
    live_meetings = models.Meeting.objects.filter(locale_id=default_locale_id(), published=True)
    live_items = models.AgendaItem.objects.filter(
        locale_id=default_locale_id(), public=True, meeting__published=True
    )
    live_papers = models.Paper.objects.filter(published=True)
    file_ref = OuterRef("pk")
    return models.CouncilFile.objects.filter(
        Exists(live_meetings.filter(Q(invitation=file_ref) | Q(results_protocol=file_ref)))
        | Exists(live_meetings.filter(auxiliary_files=file_ref))
        | Exists(live_items.filter(resolution_file=file_ref))
        | Exists(live_items.filter(auxiliary_files=file_ref))
        | Exists(live_papers.filter(main_file=file_ref))
        | Exists(live_papers.filter(auxiliary_files=file_ref))
    )


def locations_in_api():
    live_meetings = models.Meeting.objects.filter(locale_id=default_locale_id(), published=True)
    return models.Location.objects.filter(Exists(live_meetings.filter(location=OuterRef("pk"))))


def committees_in_api():
    return models.Committee.objects.all()


# The queryset each list and object view starts from, and how to tell a withdrawn object.
SOURCES = {
    "LegislativeTerm": (lambda: models.LegislativeTerm.objects.all(), lambda obj: False),
    "Organization": (committees_in_api, lambda obj: not obj.published),
    "Person": (members_in_api, lambda obj: not obj.publish_name),
    "Membership": (
        lambda: memberships_in_api().select_related("member"),
        lambda obj: not obj.member.publish_name,
    ),
    "Location": (locations_in_api, lambda obj: False),
    "File": (lambda: files_in_api().select_related("document"), lambda obj: False),
    "Meeting": (meetings_in_api, lambda obj: not obj.published),
    "AgendaItem": (
        lambda: agenda_items_in_api().select_related("meeting"),
        lambda obj: not obj.meeting.published,
    ),
    "Paper": (papers_in_api, lambda obj: not obj.published),
    "Consultation": (
        lambda: consultations_in_api().select_related("paper"),
        lambda obj: not obj.paper.published,
    ),
}


def _public_consultations():
    return Prefetch("consultations", queryset=consultations_in_api().order_by("pk"))


PREFETCH = {
    "Organization": lambda qs: qs.prefetch_related(
        Prefetch("memberships", queryset=memberships_in_api().order_by("pk"))
    ),
    "Person": lambda qs: qs.select_related("person").prefetch_related("memberships"),
    "Meeting": lambda qs: qs.select_related(
        "location", "invitation__document", "results_protocol__document"
    ).prefetch_related(
        "auxiliary_files__document",
        Prefetch(
            "agenda_items",
            queryset=models.AgendaItem.objects.select_related("resolution_file__document").prefetch_related(
                "auxiliary_files__document", _public_consultations()
            ),
        ),
    ),
    "AgendaItem": lambda qs: qs.select_related("resolution_file__document").prefetch_related(
        "auxiliary_files__document", _public_consultations()
    ),
    "Paper": lambda qs: qs.select_related("main_file__document").prefetch_related(
        "auxiliary_files__document", "originator_committees", "consultations__agenda_item"
    ),
    "Consultation": lambda qs: qs.select_related("agenda_item"),
}


# --- Serializers ---------------------------------------------------------------------------


def serialize_system(urls, settings_obj, web=""):
    return _clean(
        {
            "id": urls.system(),
            "type": oparl_type("System"),
            "oparlVersion": OPARL_VERSION,
            "body": urls.body_collection(),
            "name": f"OParl-Schnittstelle des Integrationsbeirats – {settings_obj.body_name}",
            "contactEmail": settings_obj.office_email,
            "contactName": settings_obj.office_name,
            "website": web,
            "license": settings_obj.data_license,
            "created": when(settings_obj.created),
            "modified": when(settings_obj.modified),
            "web": web,
        }
    )


def serialize_body(urls, settings_obj, terms, web=""):
    return _clean(
        {
            "id": urls.body(),
            "type": oparl_type("Body"),
            "system": urls.system(),
            "name": settings_obj.body_name,
            "shortName": settings_obj.body_short_name,
            "website": settings_obj.body_website,
            "license": settings_obj.data_license,
            "ags": settings_obj.ags,
            "rgs": settings_obj.rgs,
            "classification": settings_obj.classification,
            "contactEmail": settings_obj.office_email,
            "contactName": settings_obj.office_name,
            "organization": urls.body_list("organization"),
            "person": urls.body_list("person"),
            "meeting": urls.body_list("meeting"),
            "paper": urls.body_list("paper"),
            "legislativeTerm": [serialize_legislative_term(urls, term) for term in terms],
            "agendaItem": urls.body_list("agendaitem"),
            "consultation": urls.body_list("consultation"),
            "file": urls.body_list("file"),
            "locationList": urls.body_list("location"),
            "legislativeTermList": urls.body_list("legislativeterm"),
            "membership": urls.body_list("membership"),
            "created": when(settings_obj.created),
            "modified": when(settings_obj.modified),
            "web": web,
        }
    )


def serialize_legislative_term(urls, term):
    return _clean(
        {
            **_base(urls, "LegislativeTerm", term),
            "body": urls.body(),
            "name": term.name,
            "startDate": day(term.start_date),
            "endDate": day(term.end_date),
        }
    )


def serialize_organization(urls, committee):
    classification = {
        models.Committee.Kind.COUNCIL: "Beirat",
        models.Committee.Kind.WORKING_GROUP: "Arbeitsgruppe",
        models.Committee.Kind.LIST: "Liste",
    }[committee.kind]
    return _clean(
        {
            **_base(urls, "Organization", committee),
            "body": urls.body(),
            "name": committee.name,
            "shortName": committee.short_name,
            "organizationType": "Gremium" if committee.kind != models.Committee.Kind.LIST else "Fraktion",
            "classification": classification,
            "subOrganizationOf": urls.object("Organization", committee.parent_id)
            if committee.parent_id
            else None,
            "membership": [urls.object("Membership", m.pk) for m in committee.memberships.all()],
            "meeting": urls.absolute(reverse("oparl:organization_meeting", args=[committee.pk])),
            "startDate": day(committee.start_date),
            "endDate": day(committee.end_date),
        }
    )


def serialize_membership(urls, membership, embedded=False):
    data = {
        **_base(urls, "Membership", membership),
        "organization": urls.object("Organization", membership.committee_id),
        "role": membership.get_role_display(),
        "votingRight": membership.voting_right,
        "startDate": day(membership.start_date),
        "endDate": day(membership.end_date),
        "onBehalfOf": urls.object("Organization", membership.on_behalf_of_id)
        if membership.on_behalf_of_id
        else None,
    }
    if not embedded:
        data["person"] = urls.object("Person", membership.member_id)
    return _clean(data)


def serialize_person(urls, member):
    person = member.person
    data = {
        **_base(urls, "Person", member),
        "body": urls.body(),
        "name": person.name,
        "status": sorted({m.get_role_display() for m in member.memberships.all()}),
        "membership": [serialize_membership(urls, m, embedded=True) for m in member.memberships.all()],
    }
    if member.publish_contact and person.show_contact:
        data["email"] = [person.email] if person.email else []
        data["phone"] = [person.phone] if person.phone else []
    if member.is_demo:
        data["keyword"] = ["Beispieldaten"]
    return _clean(data)


def serialize_location(urls, location):
    geojson = None
    if location.latitude is not None and location.longitude is not None:
        geojson = {
            "type": "Feature",
            "geometry": {
                "type": "Point",
                "coordinates": [float(location.longitude), float(location.latitude)],
            },
            "properties": {"name": location.description},
        }
    return _clean(
        {
            **_base(urls, "Location", location),
            "description": location.one_line(),
            "geojson": geojson,
            "streetAddress": location.street_address,
            "room": location.room,
            "postalCode": location.postal_code,
            "locality": location.locality,
        }
    )


def _file_hash(document):
    try:
        return document.get_file_hash() or None
    except OSError:  # the file is missing from storage
        return None


def serialize_file(urls, council_file):
    document = council_file.document
    filename = document.filename
    download = urls.absolute(reverse("oparl:file_download", args=[council_file.pk]))
    return _clean(
        {
            **_base(urls, "File", council_file),
            "name": council_file.name,
            "fileName": filename,
            "mimeType": mimetypes.guess_type(filename)[0] or "application/octet-stream",
            "date": day(council_file.date),
            "size": document.get_file_size(),
            "sha1Checksum": _file_hash(document),
            "text": council_file.text,
            "accessUrl": urls.absolute(reverse("oparl:file_access", args=[council_file.pk])),
            "downloadUrl": download,
        }
    )


def agenda_order(item):
    """OParl's `order` (1, 2, 3 …) from the editors' drag-and-drop order."""
    return (item.sort_order or 0) + 1


def serialize_agenda_item(urls, item, order, embedded=False):
    data = {
        **_base(urls, "AgendaItem", item),
        "number": item.number,
        "order": order,
        "public": item.public,
    }
    if not embedded:
        data["meeting"] = urls.object("Meeting", item.meeting_id)
    if item.public:
        consultations = list(item.consultations.all())
        data.update(
            {
                "name": item.name,
                "result": item.result,
                "resolutionText": item.resolution_text,
                "resolutionFile": serialize_file(urls, item.resolution_file)
                if item.resolution_file_id
                else None,
                "auxiliaryFile": [serialize_file(urls, f) for f in item.auxiliary_files.all()],
                "consultation": urls.object("Consultation", consultations[0].pk) if consultations else None,
            }
        )
    else:
        # Only that the item exists; its subject stays with the council.
        data["name"] = "Nichtöffentlicher Tagesordnungspunkt"
    return _clean(data)


def serialize_meeting(urls, meeting, web=""):
    items = sorted(meeting.agenda_items.all(), key=lambda i: (i.sort_order or 0, i.pk))
    return _clean(
        {
            **_base(urls, "Meeting", meeting),
            "name": meeting.name,
            "meetingState": MEETING_STATES[meeting.state],
            "cancelled": meeting.cancelled,
            "start": when(meeting.start),
            "end": when(meeting.end),
            "location": serialize_location(urls, meeting.location) if meeting.location_id else None,
            "organization": [urls.object("Organization", meeting.committee_id)],
            "invitation": serialize_file(urls, meeting.invitation) if meeting.invitation_id else None,
            "resultsProtocol": serialize_file(urls, meeting.results_protocol)
            if meeting.results_protocol_id
            else None,
            "auxiliaryFile": [serialize_file(urls, f) for f in meeting.auxiliary_files.all()],
            "agendaItem": [
                serialize_agenda_item(urls, item, agenda_order(item), embedded=True) for item in items
            ],
            "web": web,
        }
    )


def serialize_consultation(urls, consultation, embedded=False):
    item = consultation.agenda_item
    data = {
        **_base(urls, "Consultation", consultation),
        "agendaItem": urls.object("AgendaItem", item.pk) if item else None,
        "meeting": urls.object("Meeting", item.meeting_id) if item else None,
        "role": consultation.role,
        "authoritative": consultation.authoritative,
    }
    if not embedded:
        data["paper"] = urls.object("Paper", consultation.paper_id)
    return _clean(data)


def serialize_paper(urls, paper, web=""):
    consultations = [c for c in paper.consultations.all() if c.agenda_item_id is None or c.agenda_item.public]
    return _clean(
        {
            **_base(urls, "Paper", paper),
            "body": urls.body(),
            "name": paper.name,
            "reference": paper.reference,
            "date": day(paper.date),
            "paperType": paper.get_paper_type_display(),
            "mainFile": serialize_file(urls, paper.main_file) if paper.main_file_id else None,
            "auxiliaryFile": [serialize_file(urls, f) for f in paper.auxiliary_files.all()],
            "originatorOrganization": [
                urls.object("Organization", c.pk) for c in paper.originator_committees.all()
            ],
            "consultation": [serialize_consultation(urls, c, embedded=True) for c in consultations],
            "web": web,
        }
    )
