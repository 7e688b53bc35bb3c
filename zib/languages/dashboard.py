"""The translation dashboard's data: every German page and snippet × every offered language.

A fixed number of queries however much content there is: the German pages,
their translations, the status records and the wagtail-localize sources are
each loaded in one query (and the same per translatable snippet model).
"""

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _
from wagtail.models import DraftStateMixin, Locale, Page, Site
from wagtail.snippets.models import get_snippet_models

from . import services
from .models import TranslationStatus

# Not a status of its own: a translation of any status may be machine-made and unreviewed.
MACHINE = "machine"
STATUS_LABELS = {
    services.MISSING: _("fehlt"),
    services.OUTDATED: _("veraltet"),
    services.INCOMPLETE: _("unvollständig"),
    services.CURRENT: _("aktuell"),
    MACHINE: _("maschinell übersetzt, ungeprüft"),
}


@dataclass
class DashboardItem:
    """One German page or snippet and the state of its translation into one language."""

    kind: str
    title: str
    status: str
    source_edit_url: str = ""
    translate_url: str = ""
    sync_url: str = ""
    target_edit_url: str = ""
    has_draft: bool = False
    changed_at: object = None
    machine_translated: bool = False
    status_id: int | None = None


@dataclass
class _Source:
    kind: str
    title: str
    translation_key: object
    content_type_id: int
    edit_url: str
    submit_url: str
    target_edit_url_name: str | None = None
    target_edit_url_args: tuple = ()


@dataclass
class Overview:
    """Counts per language and status, and the items behind them."""

    sources: list = field(default_factory=list)
    # (translation_key, locale_id) → dict(id, live, alias_of_id)
    targets: dict = field(default_factory=dict)
    # (content_type_id, translation_key, locale_id) → TranslationStatus
    statuses: dict = field(default_factory=dict)
    # translation_key → TranslationSource id (German source)
    localize_sources: dict = field(default_factory=dict)
    counts: dict = field(default_factory=dict)
    default_locale_id: int = 0

    def items(self, language):
        return [self._item(source, language.locale_id) for source in self.sources]

    def status(self, source, locale_id):
        """The status of `source`'s translation into the locale, with its target row."""
        target = self.targets.get((source.translation_key, locale_id))
        if target is None or not target["live"] or target["alias_of_id"]:
            return services.MISSING, target
        source_status = self.statuses.get(
            (source.content_type_id, source.translation_key, self.default_locale_id)
        )
        target_status = self.statuses.get((source.content_type_id, source.translation_key, locale_id))
        if target_status is not None and target_status.source_locale_id not in (None, self.default_locale_id):
            source_status = self.statuses.get(
                (source.content_type_id, source.translation_key, target_status.source_locale_id)
            )
        return services.status_of(target_status, source_status), target

    def machine_translated(self, source, locale_id):
        """The translation is live and contains machine translations nobody has reviewed."""
        target = self.targets.get((source.translation_key, locale_id))
        if target is None or not target["live"] or target["alias_of_id"]:
            return None
        target_status = self.statuses.get((source.content_type_id, source.translation_key, locale_id))
        return target_status if target_status is not None and target_status.machine_translated else None

    def _item(self, source, locale_id):
        status, target = self.status(source, locale_id)
        source_status = self.statuses.get(
            (source.content_type_id, source.translation_key, self.default_locale_id)
        )
        item = DashboardItem(
            kind=source.kind,
            title=source.title,
            status=status,
            source_edit_url=source.edit_url,
            changed_at=source_status.content_changed_at if source_status else None,
        )
        if status == services.MISSING:
            item.translate_url = source.submit_url
            if target is not None and not target["alias_of_id"]:
                item.has_draft = True
                item.target_edit_url = _target_edit_url(source, target["id"])
            return item
        item.target_edit_url = _target_edit_url(source, target["id"])
        machine_status = self.machine_translated(source, locale_id)
        if machine_status is not None:
            item.machine_translated = True
            item.status_id = machine_status.pk
        localize_source_id = self.localize_sources.get(source.translation_key)
        if status != services.CURRENT and localize_source_id:
            item.sync_url = reverse("wagtail_localize:update_translations", args=[localize_source_id])
        return item


def _target_edit_url(source, target_id):
    if source.target_edit_url_name is None:
        return reverse("wagtailadmin_pages:edit", args=[target_id])
    try:
        return reverse(source.target_edit_url_name, args=[target_id])
    except NoReverseMatch:
        return ""


def _snippet_urls(model, pk):
    meta = model._meta
    try:
        edit_url_name = model.snippet_viewset.get_url_name("edit")
        edit_url = reverse(edit_url_name, args=[pk])
    except (AttributeError, NoReverseMatch):
        edit_url_name, edit_url = None, ""
    submit_url = reverse(
        "wagtail_localize:submit_snippet_translation", args=[meta.app_label, meta.model_name, pk]
    )
    return edit_url_name, edit_url, submit_url


def translatable_snippet_models():
    return [
        model
        for model in get_snippet_models()
        if hasattr(model, "translation_key") and model.get_translation_model() is model
    ]


def _in_sites(default_locale_id):
    """Pages in the German trees of the sites (not pages outside any site)."""
    root_keys = Site.objects.values("root_page__translation_key")
    roots = Page.objects.filter(translation_key__in=root_keys, locale_id=default_locale_id).values_list(
        "path", flat=True
    )
    condition = Q(pk__in=[])
    for path in roots:
        condition |= Q(path__startswith=path)
    return condition


def _load(overview, default_locale_id):
    from wagtail_localize.models import TranslationSource

    page_type = ContentType.objects.get_for_model(Page)
    in_sites = _in_sites(default_locale_id)
    source_pages = (
        Page.objects.live()
        .filter(in_sites, locale_id=default_locale_id)
        .order_by("path")
        .values_list("id", "title", "translation_key")
    )
    for page_id, title, key in source_pages:
        overview.sources.append(
            _Source(
                kind=str(_("Seite")),
                title=title,
                translation_key=key,
                content_type_id=page_type.pk,
                edit_url=reverse("wagtailadmin_pages:edit", args=[page_id]),
                submit_url=reverse("wagtail_localize:submit_page_translation", args=[page_id]),
            )
        )
    source_keys = Page.objects.live().filter(in_sites, locale_id=default_locale_id).values("translation_key")
    for row in (
        Page.objects.filter(translation_key__in=source_keys)
        .exclude(locale_id=default_locale_id)
        .values("id", "translation_key", "locale_id", "live", "alias_of_id")
    ):
        overview.targets[(row["translation_key"], row["locale_id"])] = row
    key_querysets = [source_keys]

    for model in translatable_snippet_models():
        model_type = ContentType.objects.get_for_model(model)
        queryset = model.objects.filter(locale_id=default_locale_id)
        if issubclass(model, DraftStateMixin):
            queryset = queryset.filter(live=True)
        for instance in queryset:
            edit_url_name, edit_url, submit_url = _snippet_urls(model, instance.pk)
            overview.sources.append(
                _Source(
                    kind=str(model._meta.verbose_name),
                    title=str(instance),
                    translation_key=instance.translation_key,
                    content_type_id=model_type.pk,
                    edit_url=edit_url,
                    submit_url=submit_url,
                    target_edit_url_name=edit_url_name,
                )
            )
        keys = queryset.values("translation_key")
        fields = ["id", "translation_key", "locale_id"] + (
            ["live"] if issubclass(model, DraftStateMixin) else []
        )
        for row in (
            model.objects.filter(translation_key__in=keys)
            .exclude(locale_id=default_locale_id)
            .values(*fields)
        ):
            row.setdefault("live", True)
            row["alias_of_id"] = None
            overview.targets[(row["translation_key"], row["locale_id"])] = row
        key_querysets.append(keys)

    all_keys = [source.translation_key for source in overview.sources]
    for status in TranslationStatus.objects.filter(translation_key__in=all_keys):
        overview.statuses[(status.content_type_id, status.translation_key, status.locale_id)] = status
    for source_id, key in TranslationSource.objects.filter(
        object_id__in=all_keys, locale_id=default_locale_id
    ).values_list("id", "object_id"):
        overview.localize_sources[key] = source_id


def _record_missing(overview, languages, default_locale_id):
    """Record the status of content that predates the status tracking; True if any was recorded."""
    missing_sources = [
        source
        for source in overview.sources
        if (source.content_type_id, source.translation_key, default_locale_id) not in overview.statuses
    ]
    missing_targets = [
        (key, locale_id)
        for (key, locale_id), row in overview.targets.items()
        if row["live"]
        and not row["alias_of_id"]
        and not any((ct, key, locale_id) in overview.statuses for ct in _content_types(overview, key))
    ]
    if not missing_sources and not missing_targets:
        return False
    instances = []
    by_key = {source.translation_key: source for source in overview.sources}
    for source in missing_sources:
        instances.append(_instance(source, default_locale_id))
    for key, locale_id in missing_targets:
        if key in by_key:
            instances.append(_instance(by_key[key], locale_id))
    services.ensure_recorded([instance for instance in instances if instance is not None])
    return True


def _content_types(overview, key):
    return {source.content_type_id for source in overview.sources if source.translation_key == key}


def _instance(source, locale_id):
    model = ContentType.objects.get_for_id(source.content_type_id).model_class()
    return model.objects.filter(translation_key=source.translation_key, locale_id=locale_id).first()


def build_overview(languages):
    """Load everything the dashboard shows and count it per language and status."""
    default_locale_id = Locale.get_default().pk
    overview = Overview(default_locale_id=default_locale_id)
    _load(overview, default_locale_id)
    if _record_missing(overview, languages, default_locale_id):
        overview = Overview(default_locale_id=default_locale_id)
        _load(overview, default_locale_id)
    counts = defaultdict(Counter)
    for language in languages:
        counts[language.code].update(
            overview.status(source, language.locale_id)[0] for source in overview.sources
        )
    for language in languages:
        counts[language.code][MACHINE] = sum(
            1 for source in overview.sources if overview.machine_translated(source, language.locale_id)
        )
    overview.counts = {
        language.code: [(status, counts[language.code][status]) for status in (*services.STATUSES, MACHINE)]
        for language in languages
    }
    return overview
