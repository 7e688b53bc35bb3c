"""Podcast URLs for machines (feed, audio, transcripts, chapters), without language prefix."""

from django.urls import path, re_path

from . import views

urlpatterns = [
    path("feed.xml", views.feed, name="podcast_feed"),
    re_path(
        r"^audio/(?P<path>[0-9a-f]{16}/[A-Za-z0-9_-]{1,80}\.(?:mp3|m4a))$", views.audio, name="podcast_audio"
    ),
    path("episodes/<uuid:guid>/transcript.<str:extension>", views.transcript, name="podcast_transcript"),
    path("episodes/<uuid:guid>/chapters.json", views.chapters, name="podcast_chapters"),
]
