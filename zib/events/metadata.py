"""schema.org JSON-LD for event pages, as Google documents the `Event` type."""

import json

from django.utils.html import _json_script_escapes

EVENT_STATUS = {
    "scheduled": "https://schema.org/EventScheduled",
    "cancelled": "https://schema.org/EventCancelled",
    "postponed": "https://schema.org/EventPostponed",
    "rescheduled": "https://schema.org/EventRescheduled",
    "moved_online": "https://schema.org/EventMovedOnline",
}
ATTENDANCE_MODE = {
    "offline": "https://schema.org/OfflineEventAttendanceMode",
    "online": "https://schema.org/OnlineEventAttendanceMode",
    "mixed": "https://schema.org/MixedEventAttendanceMode",
}


def _place(event):
    address = {"@type": "PostalAddress", "addressCountry": "DE"}
    if event.street:
        address["streetAddress"] = event.street
    if event.postal_code:
        address["postalCode"] = event.postal_code
    if event.city:
        address["addressLocality"] = event.city
    place = {"@type": "Place", "name": event.venue_name or event.street, "address": address}
    if event.has_geo:
        place["geo"] = {
            "@type": "GeoCoordinates",
            "latitude": float(event.latitude),
            "longitude": float(event.longitude),
        }
    return place


def event_json_ld(
    event, *, url, organizers, languages, image_url="", seats_free=None, default_organizer=None
):
    """The JSON-LD dictionary of an event.

    `organizers` are Organization instances (without any, `default_organizer`,
    a dict with name and url: the office); `languages` Language instances;
    `seats_free` is None when the number of seats is unlimited.
    """
    data = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": event.title,
        "url": url,
        "eventStatus": EVENT_STATUS[event.status],
        "eventAttendanceMode": ATTENDANCE_MODE[event.attendance_mode],
    }
    if event.is_all_day:
        data["startDate"] = event.start_date.isoformat()
        if event.is_multi_day:
            data["endDate"] = event.end_date.isoformat()
    else:
        data["startDate"] = event.local_start.isoformat()
        if event.local_end is not None:
            data["endDate"] = event.local_end.isoformat()
    if event.teaser:
        data["description"] = event.teaser

    locations = []
    if event.has_place and event.status != event.Status.MOVED_ONLINE:
        locations.append(_place(event))
    if event.is_online:
        locations.append({"@type": "VirtualLocation", "url": event.online_url or url})
    if locations:
        data["location"] = locations[0] if len(locations) == 1 else locations

    if organizers:
        data["organizer"] = [
            {"@type": "Organization", "name": org.name, **({"url": org.website} if org.website else {})}
            for org in organizers
        ]
    elif default_organizer:
        data["organizer"] = {"@type": "Organization", **default_organizer}
    codes = [language.code for language in languages]
    if codes:
        data["inLanguage"] = codes[0] if len(codes) == 1 else codes
    if image_url:
        data["image"] = [image_url]

    offer = {
        "@type": "Offer",
        "price": str(event.price.normalize()) if event.price else "0",
        "priceCurrency": "EUR",
        "url": url,
    }
    if event.registration_enabled:
        sold_out = seats_free == 0 and not event.waiting_list_enabled
        offer["availability"] = f"https://schema.org/{'SoldOut' if sold_out else 'InStock'}"
        if event.registration_deadline:
            offer["validThrough"] = event.registration_deadline.isoformat()
    data["offers"] = offer
    if event.target_group:
        data["audience"] = {"@type": "Audience", "audienceType": event.target_group}
    return data


def json_ld_script_content(data):
    """JSON for inside `<script type="application/ld+json">`, with <, > and & escaped."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).translate(_json_script_escapes)
