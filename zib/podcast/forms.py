"""Admin forms of the podcast pages: checks that need the page's place in the tree."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from wagtail.admin.forms import WagtailAdminPageForm


class PodcastShowPageForm(WagtailAdminPageForm):
    """The show's form; the checks themselves live on the model."""


class EpisodePageForm(WagtailAdminPageForm):
    """Refuses an episode number that another episode of the same season already has."""

    def clean(self):
        cleaned_data = super().clean()
        number = cleaned_data.get("episode_number")
        if number:
            parent = self.parent_page if self.instance.pk is None else self.instance.get_parent()
            siblings = (
                type(self.instance)
                .objects.child_of(parent)
                .filter(episode_number=number, season_number=cleaned_data.get("season_number"))
            )
            if self.instance.pk:
                siblings = siblings.exclude(pk=self.instance.pk)
            clash = siblings.first()
            if clash:
                self.add_error(
                    "episode_number",
                    ValidationError(
                        _("Die Folge Nr. %(number)d gibt es in dieser Staffel schon: „%(title)s“.")
                        % {"number": number, "title": clash.title}
                    ),
                )
        self._check_chapters()
        return cleaned_data

    def _check_chapters(self):
        formset = self.formsets.get("chapters")
        if not formset or not formset.is_valid():
            return
        starts = []
        for form in formset.forms:
            if form.cleaned_data and not form.cleaned_data.get("DELETE") and form.cleaned_data.get("start"):
                starts.append(form.cleaned_data["start"])
        if len(set(starts)) != len(starts):
            self.add_error(None, _("Zwei Kapitel beginnen zur selben Zeit."))
