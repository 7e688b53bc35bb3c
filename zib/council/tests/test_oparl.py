"""The OParl 1.1 API, walked from `System` as a client would."""

import datetime
import json
from urllib.parse import urlsplit

import pytest
from django.utils import timezone

from zib.council.models import Committee, Meeting, Membership

from .factories import (
    AgendaItemFactory,
    CommitteeFactory,
    ConsultationFactory,
    CouncilFileFactory,
    MeetingFactory,
    MemberFactory,
    MembershipFactory,
    PaperFactory,
    TermFactory,
)
from .oparl_schema import validate

pytestmark = pytest.mark.django_db

SECRETS = ["Entwurfssitzung", "GEHEIMER TOP", "Geheimer Beschluss", "Ohne Zustimmung", "geheime-anlage"]


@pytest.fixture
def council_data(council_page):
    term = TermFactory(name="Wahlperiode 2024–2029")
    council = CommitteeFactory(name="Integrationsbeirat")
    group = CommitteeFactory(name="AG Bildung", kind=Committee.Kind.WORKING_GROUP, parent=council)
    liste = CommitteeFactory(name="Liste Vielfalt", kind=Committee.Kind.LIST)
    chair = MembershipFactory(
        committee=council, legislative_term=term, role=Membership.Role.CHAIR, on_behalf_of=liste
    )
    MembershipFactory(member=chair.member, committee=group, legislative_term=term)
    MembershipFactory(committee=council, legislative_term=term, role=Membership.Role.ADVISORY)
    hidden = MemberFactory(publish_name=False, person__name="Ohne Zustimmung")
    MembershipFactory(member=hidden, committee=council, legislative_term=term)

    meeting = MeetingFactory(
        name="1. Sitzung",
        committee=council,
        state=Meeting.State.HELD,
        start=timezone.now() - datetime.timedelta(days=5),
        invitation=CouncilFileFactory(name="Einladung"),
        results_protocol=CouncilFileFactory(name="Protokoll"),
    )
    public_item = AgendaItemFactory(
        meeting=meeting, name="Öffentlicher TOP", result="Beschlossen", sort_order=0
    )
    AgendaItemFactory(
        meeting=meeting,
        name="GEHEIMER TOP",
        public=False,
        resolution_text="Geheimer Beschluss",
        resolution_file=CouncilFileFactory(name="Geheim", document__file__name="geheime-anlage.pdf"),
        sort_order=1,
    )
    paper = PaperFactory(main_file=CouncilFileFactory(name="Antrag"))
    ConsultationFactory(paper=paper, agenda_item=public_item)

    MeetingFactory(name="Entwurfssitzung", committee=council, published=False)
    withdrawn = MeetingFactory(name="Zurückgezogen", committee=council)
    withdrawn.published = False
    withdrawn.save()
    deleted = MeetingFactory(name="Gelöscht", committee=council)
    deleted_pk = deleted.pk
    deleted.delete()
    return {"meeting": meeting, "withdrawn": withdrawn, "deleted_pk": deleted_pk, "paper": paper}


def get_json(client, url, **params):
    parts = urlsplit(url)
    response = client.get(parts.path + (f"?{parts.query}" if parts.query else ""), params or None)
    assert response.status_code == 200, (url, response.content[:300])
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response["Access-Control-Allow-Origin"] == "*"
    for secret in SECRETS:
        assert secret not in response.content.decode(), f"{secret} leaked at {url}"
    return json.loads(response.content)


def walk_list(client, url):
    """Every object of a list, following `links.next`; checks the list format on the way."""
    objects = []
    pages = 0
    while url:
        page = get_json(client, url)
        assert set(page) == {"data", "pagination", "links"}
        pages += 1
        objects.extend(page["data"])
        url = page["links"].get("next")
        if url is None:
            assert page["pagination"]["currentPage"] == page["pagination"]["totalPages"]
        assert pages < 100
    return objects


LISTS = {
    "organization": "Organization",
    "person": "Person",
    "meeting": "Meeting",
    "paper": "Paper",
    "agendaItem": "AgendaItem",
    "consultation": "Consultation",
    "file": "File",
    "locationList": "Location",
    "legislativeTermList": "LegislativeTerm",
    "membership": "Membership",
}


def test_walk_from_system(client, council_data):
    system = get_json(client, "/oparl/v1/system")
    assert validate(system, "System") == "System"
    assert system["oparlVersion"] == "https://schema.oparl.org/1.1/"
    bodies = walk_list(client, system["body"])
    assert len(bodies) == 1
    body = bodies[0]
    validate(body, "Body")
    assert get_json(client, body["id"]) == body
    assert [t["name"] for t in body["legislativeTerm"]] == ["Wahlperiode 2024–2029"]

    seen = {}
    for key, type_name in LISTS.items():
        for obj in walk_list(client, body[key]):
            validate(obj, type_name, where=f"{key} list")
            # Each object is reachable at its id, with the same content.
            assert get_json(client, obj["id"]) == obj
            seen.setdefault(type_name, []).append(obj)
    assert len(seen["Organization"]) == 3
    assert len(seen["Person"]) == 2  # the member without consent is absent
    names = {m.get("name") for m in seen["Meeting"]}
    assert "1. Sitzung" in names and "Entwurfssitzung" not in names
    deleted = [m for m in seen["Meeting"] if m.get("deleted")]
    assert {urlsplit(m["id"]).path for m in deleted} == {
        f"/oparl/v1/meeting/{council_data['withdrawn'].pk}",
        f"/oparl/v1/meeting/{council_data['deleted_pk']}",
    }
    # The non-public item only says it exists.
    closed = [a for a in seen["AgendaItem"] if a.get("public") is False]
    assert len(closed) == 1 and set(closed[0]) <= {
        "id",
        "type",
        "created",
        "modified",
        "number",
        "order",
        "public",
        "name",
        "meeting",
    }
    assert {f["name"] for f in seen["File"]} == {"Einladung", "Protokoll", "Antrag"}
    assert seen["Consultation"][0]["authoritative"] is True
    # Every reference points at an object the API serves.
    meeting = next(m for m in seen["Meeting"] if m.get("name") == "1. Sitzung")
    assert get_json(client, meeting["organization"][0])["name"] == "Integrationsbeirat"
    assert walk_list(client, get_json(client, meeting["organization"][0])["meeting"])


def test_pagination_links_and_stable_order(client, council_data):
    for n in range(4):
        MeetingFactory(name=f"Weitere Sitzung {n}")
    first = get_json(client, "/oparl/v1/body/1/meeting", elementsPerPage="2")
    total_pages = first["pagination"]["totalPages"]
    assert total_pages == 4  # 5 published + 1 withdrawn + 1 deleted, two per page
    url, seen, page_number = "/oparl/v1/body/1/meeting?elementsPerPage=2", [], 0
    while url:
        page = get_json(client, url)
        page_number += 1
        assert page["pagination"]["currentPage"] == page_number
        assert ("next" in page["links"]) == (page_number < total_pages)
        assert page["links"]["first"].endswith("/oparl/v1/body/1/meeting?elementsPerPage=2")
        if page_number > 1:
            assert "prev" in page["links"]
        seen.extend(obj["id"] for obj in page["data"])
        url = page["links"].get("next")
    assert len(seen) == len(set(seen)) == first["pagination"]["totalElements"]
    again = [o["id"] for o in get_json(client, "/oparl/v1/body/1/meeting", elementsPerPage="100")["data"]]
    assert again == seen


def test_date_filters(client, council_data):
    future = (timezone.now() + datetime.timedelta(days=1)).isoformat()
    past = (timezone.now() - datetime.timedelta(days=1)).isoformat()
    assert get_json(client, "/oparl/v1/body/1/meeting", created_since=future)["data"] == []
    everything = get_json(client, "/oparl/v1/body/1/meeting", created_since=past, modified_until=future)[
        "data"
    ]
    assert len(everything) == 3  # published, withdrawn, deleted
    # The filters stay in the paging links.
    page = get_json(client, "/oparl/v1/body/1/meeting", created_since=past, elementsPerPage="1")
    assert "created_since=" in page["links"]["next"]


@pytest.mark.parametrize(
    "params",
    [
        {"created_since": "gestern"},
        {"modified_until": "2025-13-45T99:00:00"},
        {"created_until": "2025-01-01T00:00:00+99:00"},
        {"elementsPerPage": "viele"},
        {"page": "0"},
        {"page": "-3"},
        {"page": "9" * 30},
    ],
)
def test_malformed_parameters_get_a_json_400(client, council_data, params):
    response = client.get("/oparl/v1/body/1/meeting", params)
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert json.loads(response.content)["message"]


def test_errors_and_methods(client, council_data):
    assert client.get("/oparl/v1/meeting/999999").status_code == 404
    assert json.loads(client.get("/oparl/v1/body/2").content)["status"] == 404
    assert client.get("/oparl/v1/body/1/meeting", {"page": "50"}).status_code == 404
    response = client.post("/oparl/v1/system")
    assert response.status_code == 405 and "GET" in response["Allow"]
    preflight = client.options("/oparl/v1/body/1/meeting")
    assert preflight.status_code == 204
    assert preflight["Access-Control-Allow-Origin"] == "*"


def test_deleted_objects_stay_reachable(client, council_data):
    stub = get_json(client, f"/oparl/v1/meeting/{council_data['deleted_pk']}")
    assert stub["deleted"] is True
    validate(stub, "Meeting")
    withdrawn = get_json(client, f"/oparl/v1/meeting/{council_data['withdrawn'].pk}")
    assert withdrawn["deleted"] is True and "name" not in withdrawn
    # A never-published draft is not there at all.
    draft = Meeting.objects.get(name="Entwurfssitzung")
    assert client.get(f"/oparl/v1/meeting/{draft.pk}").status_code == 404


def test_conditional_get(client, council_data):
    response = client.get("/oparl/v1/body/1/meeting")
    etag = response["ETag"]
    assert client.get("/oparl/v1/body/1/meeting", HTTP_IF_NONE_MATCH=etag).status_code == 304
    council_data["meeting"].name = "1. Sitzung (geändert)"
    council_data["meeting"].save()
    assert client.get("/oparl/v1/body/1/meeting", HTTP_IF_NONE_MATCH=etag).status_code == 200


def test_file_download(client, council_data):
    invitation = council_data["meeting"].invitation
    response = client.get(f"/oparl/v1/file/{invitation.pk}/download")
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    assert response["Access-Control-Allow-Origin"] == "*"
    access = client.get(f"/oparl/v1/file/{invitation.pk}/access")
    assert access["Content-Disposition"].startswith("inline")
    etag = response["ETag"]
    assert client.get(f"/oparl/v1/file/{invitation.pk}/download", HTTP_IF_NONE_MATCH=etag).status_code == 304
    secret = council_data["meeting"].agenda_items.get(public=False).resolution_file
    assert client.get(f"/oparl/v1/file/{secret.pk}/download").status_code == 404
    assert client.get(f"/oparl/v1/file/{secret.pk}").status_code == 404
