"""The OParl 1.1 rules the tests check every object against.

Required properties and the types of the properties this server writes,
taken from the OParl 1.1 specification (schema chapter). `url` values must
be absolute http(s) URLs; `date-time` values carry a UTC offset.
"""

import datetime
import re

URL = "url"
DATETIME = "date-time"
DATE = "date"
STR = str
BOOL = bool
INT = int
LIST_URL = [URL]
LIST_STR = [str]
OBJ = dict

COMMON = {
    "id": URL,
    "type": STR,
    "created": DATETIME,
    "modified": DATETIME,
    "deleted": BOOL,
    "keyword": LIST_STR,
    "web": URL,
    "license": URL,
}

SCHEMAS = {
    "System": {
        "required": ["id", "type", "oparlVersion", "body"],
        "properties": {
            "oparlVersion": STR,
            "body": URL,
            "name": STR,
            "contactEmail": STR,
            "contactName": STR,
            "website": URL,
            "vendor": URL,
            "product": URL,
            "otherOparlVersions": LIST_URL,
        },
    },
    "Body": {
        "required": ["id", "type", "name", "organization", "person", "meeting", "paper", "legislativeTerm"],
        "properties": {
            "system": URL,
            "shortName": STR,
            "name": STR,
            "website": URL,
            "ags": STR,
            "rgs": STR,
            "classification": STR,
            "contactEmail": STR,
            "contactName": STR,
            "organization": URL,
            "person": URL,
            "meeting": URL,
            "paper": URL,
            "legislativeTerm": [OBJ],
            "agendaItem": URL,
            "consultation": URL,
            "file": URL,
            "locationList": URL,
            "legislativeTermList": URL,
            "membership": URL,
            "location": OBJ,
        },
    },
    "LegislativeTerm": {
        "required": ["id", "type"],
        "properties": {"body": URL, "name": STR, "startDate": DATE, "endDate": DATE},
    },
    "Organization": {
        "required": ["id", "type"],
        "properties": {
            "body": URL,
            "name": STR,
            "shortName": STR,
            "membership": LIST_URL,
            "meeting": URL,
            "organizationType": STR,
            "classification": STR,
            "subOrganizationOf": URL,
            "startDate": DATE,
            "endDate": DATE,
            "location": OBJ,
        },
    },
    "Person": {
        "required": ["id", "type"],
        "properties": {
            "body": URL,
            "name": STR,
            "familyName": STR,
            "givenName": STR,
            "status": LIST_STR,
            "membership": [OBJ],
            "email": LIST_STR,
            "phone": LIST_STR,
        },
    },
    "Membership": {
        "required": ["id", "type"],
        "properties": {
            "person": URL,
            "organization": URL,
            "role": STR,
            "votingRight": BOOL,
            "startDate": DATE,
            "endDate": DATE,
            "onBehalfOf": URL,
        },
    },
    "Meeting": {
        "required": ["id", "type"],
        "properties": {
            "name": STR,
            "meetingState": STR,
            "cancelled": BOOL,
            "start": DATETIME,
            "end": DATETIME,
            "location": OBJ,
            "organization": LIST_URL,
            "participant": LIST_URL,
            "invitation": OBJ,
            "resultsProtocol": OBJ,
            "verbatimProtocol": OBJ,
            "auxiliaryFile": [OBJ],
            "agendaItem": [OBJ],
        },
    },
    "AgendaItem": {
        "required": ["id", "type", "order"],
        "properties": {
            "meeting": URL,
            "number": STR,
            "order": INT,
            "name": STR,
            "public": BOOL,
            "consultation": URL,
            "result": STR,
            "resolutionText": STR,
            "resolutionFile": OBJ,
            "auxiliaryFile": [OBJ],
            "start": DATETIME,
            "end": DATETIME,
        },
    },
    "Paper": {
        "required": ["id", "type"],
        "properties": {
            "body": URL,
            "name": STR,
            "reference": STR,
            "date": DATE,
            "paperType": STR,
            "relatedPaper": LIST_URL,
            "mainFile": OBJ,
            "auxiliaryFile": [OBJ],
            "originatorPerson": LIST_URL,
            "originatorOrganization": LIST_URL,
            "consultation": [OBJ],
            "underDirectionOf": LIST_URL,
        },
    },
    "Consultation": {
        "required": ["id", "type"],
        "properties": {
            "paper": URL,
            "agendaItem": URL,
            "meeting": URL,
            "organization": LIST_URL,
            "authoritative": BOOL,
            "role": STR,
        },
    },
    "File": {
        "required": ["id", "type", "accessUrl"],
        "properties": {
            "name": STR,
            "fileName": STR,
            "mimeType": STR,
            "date": DATE,
            "size": INT,
            "sha1Checksum": STR,
            "sha512Checksum": STR,
            "text": STR,
            "accessUrl": URL,
            "downloadUrl": URL,
            "externalServiceUrl": URL,
            "fileLicense": URL,
            "meeting": LIST_URL,
            "agendaItem": LIST_URL,
            "paper": LIST_URL,
        },
    },
    "Location": {
        "required": ["id", "type"],
        "properties": {
            "description": STR,
            "geojson": OBJ,
            "streetAddress": STR,
            "room": STR,
            "postalCode": STR,
            "subLocality": STR,
            "locality": STR,
        },
    },
}

# Objects embedded in a parent leave out the back reference to it.
EMBEDDED = {
    ("Meeting", "agendaItem"): "AgendaItem",
    ("Meeting", "location"): "Location",
    ("Meeting", "invitation"): "File",
    ("Meeting", "resultsProtocol"): "File",
    ("Meeting", "auxiliaryFile"): "File",
    ("AgendaItem", "resolutionFile"): "File",
    ("AgendaItem", "auxiliaryFile"): "File",
    ("Paper", "mainFile"): "File",
    ("Paper", "auxiliaryFile"): "File",
    ("Paper", "consultation"): "Consultation",
    ("Person", "membership"): "Membership",
    ("Body", "legislativeTerm"): "LegislativeTerm",
}

TYPE_RE = re.compile(r"^https://schema\.oparl\.org/1\.1/(\w+)$")


def _check_value(kind, value, where):
    if kind == URL:
        assert isinstance(value, str) and re.match(r"^https?://[^\s/]+/", value), (
            f"{where}: not a URL: {value!r}"
        )
    elif kind == DATETIME:
        parsed = datetime.datetime.fromisoformat(value)
        assert parsed.tzinfo is not None, f"{where}: date-time without offset: {value!r}"
    elif kind == DATE:
        datetime.date.fromisoformat(value)
    elif isinstance(kind, list):
        assert isinstance(value, list), f"{where}: not a list"
        for n, item in enumerate(value):
            _check_value(kind[0], item, f"{where}[{n}]")
    elif kind is INT:
        assert isinstance(value, int) and not isinstance(value, bool), f"{where}: not an integer"
    else:
        assert isinstance(value, kind), f"{where}: expected {kind.__name__}, got {value!r}"


def validate(obj, expected_type=None, where="object"):
    """Assert that `obj` is a valid OParl 1.1 object; return its type name."""
    match = TYPE_RE.match(obj.get("type", ""))
    assert match, f"{where}: bad type {obj.get('type')!r}"
    type_name = match.group(1)
    if expected_type:
        assert type_name == expected_type, f"{where}: expected {expected_type}, got {type_name}"
    schema = SCHEMAS[type_name]
    for key in ["id", "type", "created", "modified"]:
        assert key in obj, f"{where}: {type_name} without {key}"
    if obj.get("deleted"):
        assert set(obj) <= {"id", "type", "created", "modified", "deleted"}, (
            f"{where}: deleted object with data"
        )
        return type_name
    for key in schema["required"]:
        assert key in obj, f"{where}: {type_name} without required {key}"
    properties = {**COMMON, **schema["properties"]}
    for key, value in obj.items():
        assert key in properties, f"{where}: {type_name} has unknown property {key}"
        assert value is not None and value != "", f"{where}: {type_name}.{key} is empty"
        _check_value(properties[key], value, f"{where}.{key}")
        embedded_type = EMBEDDED.get((type_name, key))
        if embedded_type:
            for n, child in enumerate(value if isinstance(value, list) else [value]):
                validate(child, embedded_type, f"{where}.{key}[{n}]")
    return type_name
