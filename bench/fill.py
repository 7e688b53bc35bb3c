"""Fill the benchmark database: the demo content plus thousands of pages.

Run by bench/run.py with DATABASE_URL pointing at var/bench.sqlite3. For
every bulk page type that exists in the code base (news articles, events,
podcast episodes …) a demo page of that type is copied N times beside the
original, with a new title and slug, unique fields made unique and dates
spread out. The page models need not be known here: copies carry whatever
fields the feature has.
"""

import datetime
import os
import sys
import time
import uuid

import django

BULK = {
    "news.NewsArticlePage": int(os.environ.get("BENCH_NEWS", 2000)),
    "events.EventPage": int(os.environ.get("BENCH_EVENTS", 1000)),
    "podcast.EpisodePage": int(os.environ.get("BENCH_EPISODES", 300)),
}
PAGE_FIELDS_KEPT = {"title", "slug", "draft_title", "seo_title", "url_path", "path", "depth"}


def _unique_values(page, number):
    """New values for the page type's own unique fields (GUIDs, episode numbers …)."""
    from django.db import models
    from wagtail.models import Page

    values = {}
    page_fields = {field.name for field in Page._meta.get_fields()}
    for field in type(page)._meta.concrete_fields:
        if field.name in page_fields or field.primary_key or not field.unique:
            continue
        if isinstance(field, models.UUIDField):
            values[field.attname] = uuid.uuid4()
        elif isinstance(field, models.IntegerField):
            values[field.attname] = 100_000 + number
        elif isinstance(field, (models.CharField, models.SlugField)):
            values[field.attname] = f"{getattr(page, field.attname)}-{number}"[: field.max_length]
    return values


def _shifted_dates(page, number, direction):
    """The page type's own dates moved by ``number`` days (news back, events forward)."""
    from django.db import models
    from wagtail.models import Page

    values = {}
    page_fields = {field.name for field in Page._meta.get_fields()}
    for field in type(page)._meta.concrete_fields:
        if field.name in page_fields:
            continue
        value = getattr(page, field.attname)
        if isinstance(field, (models.DateTimeField, models.DateField)) and value is not None:
            values[field.attname] = value + datetime.timedelta(days=direction * (number % 700))
    return values


def fill_type(label, count):
    from django.apps import apps
    from django.db import transaction

    try:
        model = apps.get_model(label)
    except LookupError:
        print(f"  {label}: not in this code base, skipped")
        return 0
    template = model.objects.live().first()
    if template is None:
        print(f"  {label}: no demo page to copy, skipped")
        return 0
    parent = template.get_parent()
    existing = model.objects.child_of(parent).count()
    direction = 1 if label.startswith("events.") else -1
    started = time.monotonic()
    made = 0
    for number in range(existing, count):
        with transaction.atomic():
            update = {
                "title": f"{template.title} ({number})",
                "slug": f"{template.slug}-{number}"[:255],
                **_unique_values(template, number),
                **_shifted_dates(template, number, direction),
            }
            template.copy(
                to=parent,
                update_attrs=update,
                keep_live=True,
                copy_revisions=False,
                log_action=None,
                reset_translation_key=True,
            )
        made += 1
        if made % 250 == 0:
            print(f"  {label}: {existing + made}/{count} ({time.monotonic() - started:.0f} s)", flush=True)
    print(f"  {label}: {model.objects.count()} pages")
    return made


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "zib.settings.production")
    sys.path.insert(0, os.getcwd())
    django.setup()
    from zib.demo.services import load_demo, site_is_empty

    if site_is_empty():
        print("  loading the demo content …", flush=True)
        load_demo()
    made = sum(fill_type(label, count) for label, count in BULK.items())
    build_indexes(made)


def build_indexes(made):
    """The reference index (image credits, usage) and the search index, as on a live site.

    Page copies are made without them; without them the image-credits page
    lists nothing and the search finds nothing, and the bench would measure
    empty pages.
    """
    from django.core.management import call_command
    from wagtail.models import ReferenceIndex
    from wagtail.search.models import IndexEntry

    if made or not ReferenceIndex.objects.exists():
        started = time.monotonic()
        call_command("rebuild_references_index", verbosity=0)
        rows = ReferenceIndex.objects.count()
        print(f"  reference index: {rows} rows ({time.monotonic() - started:.0f} s)")
    if made or not IndexEntry.objects.exists():
        started = time.monotonic()
        call_command("update_index", verbosity=0)
        entries = IndexEntry.objects.count()
        print(f"  search index: {entries} entries ({time.monotonic() - started:.0f} s)")


if __name__ == "__main__":
    main()
