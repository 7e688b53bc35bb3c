"""Project languages: German Sign Language is "gsg", as everywhere else on the site."""

from importlib import import_module

import pytest
from django.apps import apps

from zib.grants.forms import ProjectForm
from zib.grants.models import PROJECT_LANGUAGES, GrantApplication

from .factories import GrantApplicationFactory

migration = import_module("zib.grants.migrations.0003_sign_language_code_gsg")


def test_project_languages_offer_german_sign_language_as_gsg():
    codes = [code for code, _name in PROJECT_LANGUAGES]
    assert "gsg" in codes and "dgs" not in codes
    assert len(codes) == len(set(codes))
    assert str(dict(PROJECT_LANGUAGES)["gsg"]) == "Deutsche Gebärdensprache"


@pytest.mark.django_db
def test_migration_renames_dgs_in_saved_and_unsaved_languages(call):
    ticked = GrantApplicationFactory(
        call=call,
        languages=["ar", "dgs", "gsg"],
        draft_data={"projekt": {"project-title": ["Café"], "project-languages": ["dgs", "uk"]}},
    )
    untouched = GrantApplicationFactory(call=call, languages=["de", "tr"], draft_data={})
    migration.dgs_to_gsg(apps, None)
    ticked.refresh_from_db()
    untouched.refresh_from_db()
    assert ticked.languages == ["ar", "gsg"]
    assert ticked.draft_data == {"projekt": {"project-title": ["Café"], "project-languages": ["gsg", "uk"]}}
    assert untouched.languages == ["de", "tr"] and untouched.draft_data == {}
    # What was stored validates against the form again.
    form = ProjectForm(
        data={"project-languages": ticked.languages}, instance=ticked, prefix="project", call=call
    )
    form.is_valid()
    assert "languages" not in form.errors
    migration.gsg_to_dgs(apps, None)
    assert GrantApplication.objects.get(pk=ticked.pk).languages == ["ar", "dgs"]
