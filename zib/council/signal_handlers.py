"""Keep OParl honest: deleted objects leave a tombstone; changes reach the embedding object."""

from django.db.models.signals import post_delete, post_save
from django.utils import timezone
from wagtail.models import Locale

from . import models
from .oparl import OPARL_TYPES_BY_MODEL


def _record_tombstone(sender, instance, **kwargs):
    is_translatable = isinstance(instance, (models.Meeting, models.AgendaItem))
    if is_translatable and instance.locale_id != Locale.get_default().pk:
        return  # Translations are not published through OParl.
    oparl_type = OPARL_TYPES_BY_MODEL[sender]
    models.OParlTombstone.objects.update_or_create(
        oparl_type=oparl_type,
        object_id=instance.pk,
        defaults={
            "created": getattr(instance, "created", None) or timezone.now(),
            "modified": timezone.now(),
        },
    )
    if isinstance(instance, models.AgendaItem):
        # OParl 1.1: the embedding meeting's `modified` changes with its items.
        models.Meeting.objects.filter(pk=instance.meeting_id).update(modified=timezone.now())
    if isinstance(instance, models.Membership):
        models.Member.objects.filter(pk=instance.member_id).update(modified=timezone.now())


def _touch_member(sender, instance, **kwargs):
    """A person's name or photo changed: their OParl Person changed too."""
    models.Member.objects.filter(person=instance).update(modified=timezone.now())


def _touch_member_of_membership(sender, instance, **kwargs):
    models.Member.objects.filter(pk=instance.member_id).update(modified=timezone.now())


def register():
    for model in OPARL_TYPES_BY_MODEL:
        post_delete.connect(
            _record_tombstone, sender=model, dispatch_uid=f"council-tombstone-{model.__name__}"
        )
    from zib.people.models import Person

    post_save.connect(_touch_member, sender=Person, dispatch_uid="council-touch-member")
    post_save.connect(
        _touch_member_of_membership, sender=models.Membership, dispatch_uid="council-touch-membership"
    )
