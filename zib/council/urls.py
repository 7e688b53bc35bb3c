"""OParl 1.1 API of the Integrationsbeirat, outside the language prefix: /oparl/v1/…"""

from django.urls import path

from . import api

app_name = "oparl"

LISTS = [
    ("organization", "Organization"),
    ("person", "Person"),
    ("meeting", "Meeting"),
    ("paper", "Paper"),
    ("legislativeterm", "LegislativeTerm"),
    ("agendaitem", "AgendaItem"),
    ("consultation", "Consultation"),
    ("file", "File"),
    ("location", "Location"),
    ("membership", "Membership"),
]

urlpatterns = [
    path("system", api.system, name="system"),
    path("body", api.body_list, name="body_list"),
    path("body/<int:pk>", api.body, name="body"),
    path("organization/<int:pk>/meeting", api.organization_meetings, name="organization_meeting"),
    path("file/<int:pk>/download", api.file_download, name="file_download"),
    path("file/<int:pk>/access", api.file_access, name="file_access"),
]
for slug, type_name in LISTS:
    urlpatterns += [
        path(f"body/<int:pk>/{slug}", api.body_collection(type_name), name=f"body_{slug}"),
        path(f"{slug}/<int:pk>", api.object_view(type_name), name=slug),
    ]
