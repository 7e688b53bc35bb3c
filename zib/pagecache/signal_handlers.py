"""Drop the page cache whenever something a visitor can see changes.

Rather than list the models that appear on public pages (a list every new
feature would have to extend), every save and delete starts a new cache
generation — except for the bookkeeping models below, which never change
what a visitor sees.
"""

from django.db.models.signals import m2m_changed, post_delete, post_save
from wagtail.images.models import AbstractRendition
from wagtail.signals import page_published, page_unpublished, post_page_move

from . import services

IGNORED_APPS = {
    "admin",
    "axes",
    "contenttypes",
    "django_otp",
    "django_tasks_db",
    "otp_static",
    "otp_totp",
    "sessions",
    "wagtail_localize",
    "wagtailadmin",
    "wagtailsearch",
    "wagtailusers",
}
IGNORED_MODELS = {
    "auth.user",  # last_login changes on every sign-in
    "auth.permission",
    "wagtailcore.revision",  # drafts; publishing sends page_published
    "wagtailcore.pagelogentry",
    "wagtailcore.modellogentry",
    "wagtailcore.pagesubscription",
    "wagtailcore.workflowstate",
    "wagtailcore.taskstate",
    "wagtailcore.comment",
    "wagtailcore.commentreply",
    "wagtailcore.referenceindex",
    "wagtailcore.uploadedfile",
    # What visitors send in through public forms: private until an editor acts on it.
    # A form post must not empty the cache for everybody (a flood of posts would keep
    # every page uncached). Event registrations are not here: the seats left show on
    # the event's page and cards.
    "pages.contactmessage",
    "organizations.organizationproposal",
    # Grant applicants' sign-in and working files. Applications themselves, their
    # status changes and organisations are not here: approved projects are listed
    # on the call's page.
    "grants.applicant",
    "grants.signintoken",
    "grants.budgetline",
    "grants.attachment",
    "grants.applicationmessage",
    "grants.internalcomment",
    "grants.reviewscore",
}
# Saving a draft of a page or snippet touches only these fields of the live object.
DRAFT_FIELDS = {
    "draft_title",
    "has_unpublished_changes",
    "latest_revision",
    "latest_revision_created_at",
    "locked",
    "locked_at",
    "locked_by",
}
# Wagtail fills in a document's size and hash the first time a page shows it,
# while rendering that page: the page already shows the value.
FILE_METADATA_FIELDS = {"file_size", "file_hash"}
DISPATCH_UID = "zib.pagecache"


def changes_public_content(sender, update_fields=None):
    """False for models whose changes no visitor can see."""
    meta = getattr(sender, "_meta", None)
    if meta is None:
        return True
    if meta.app_label in IGNORED_APPS or meta.label_lower in IGNORED_MODELS:
        return False
    if issubclass(sender, AbstractRendition):
        return False  # made while rendering pages
    if update_fields and set(update_fields) <= FILE_METADATA_FIELDS:
        return False
    return not (update_fields and set(update_fields) <= DRAFT_FIELDS)


def on_save(sender, instance, update_fields=None, **kwargs):
    if changes_public_content(sender, update_fields):
        services.invalidate()


def on_delete(sender, instance, **kwargs):
    if changes_public_content(sender):
        services.invalidate()


def on_m2m_changed(sender, instance, action, **kwargs):
    if action.startswith("post_") and changes_public_content(type(instance)):
        services.invalidate()


def on_page_change(sender, instance=None, **kwargs):
    services.invalidate()


def register():
    post_save.connect(on_save, dispatch_uid=DISPATCH_UID)
    post_delete.connect(on_delete, dispatch_uid=DISPATCH_UID)
    m2m_changed.connect(on_m2m_changed, dispatch_uid=DISPATCH_UID)
    # Publishing a revision saves the page too; the explicit signals also
    # cover scheduled publishing and changes of whole subtrees.
    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(on_page_change, dispatch_uid=DISPATCH_UID)
