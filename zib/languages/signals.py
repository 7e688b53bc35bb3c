"""Keep the translation status current whenever content is published or saved."""

import logging

from django.apps import apps
from django.db.models.signals import post_save
from wagtail.models import DraftStateMixin, Page, TranslatableMixin
from wagtail.signals import page_published, published

from . import services

logger = logging.getLogger(__name__)


def _record(instance):
    # The status is bookkeeping: a failure here must never stop an editor publishing.
    try:
        services.record_published(instance)
    except Exception:
        logger.exception("Could not record the translation status of %r", instance)


def on_page_published(sender, instance, **kwargs):
    _record(instance)


def on_snippet_published(sender, instance, **kwargs):
    if isinstance(instance, TranslatableMixin) and not isinstance(instance, Page):
        _record(instance)


def on_snippet_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        _record(instance)


def translatable_snippet_models():
    """Translatable models other than pages that carry their own locale (Person …)."""
    return [
        model
        for model in apps.get_models()
        if issubclass(model, TranslatableMixin)
        and not issubclass(model, Page)
        and model.get_translation_model() is model
    ]


def connect():
    page_published.connect(on_page_published, dispatch_uid="zib_languages_page_published")
    published.connect(on_snippet_published, dispatch_uid="zib_languages_published")
    for model in translatable_snippet_models():
        if not issubclass(model, DraftStateMixin):
            post_save.connect(
                on_snippet_saved, sender=model, dispatch_uid=f"zib_languages_saved_{model._meta.label_lower}"
            )
