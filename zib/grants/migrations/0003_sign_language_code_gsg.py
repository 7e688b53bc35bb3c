"""German Sign Language is stored by its BCP 47 tag "gsg", not as "dgs".

Also in what an applicant ticked but did not save yet (the project step's
unsaved input), so that it still validates against the form's choices.
"""

from django.db import migrations

DRAFT_STEP = "projekt"
DRAFT_FIELD = "project-languages"


def _renamed(codes, old, new):
    result = []
    for code in codes:
        code = new if code == old else code
        if code not in result:
            result.append(code)
    return result


def _rename(apps, old, new):
    GrantApplication = apps.get_model("grants", "GrantApplication")
    for application in GrantApplication.objects.only("pk", "languages", "draft_data").iterator():
        changed = {}
        if isinstance(application.languages, list) and old in application.languages:
            changed["languages"] = _renamed(application.languages, old, new)
        draft = application.draft_data if isinstance(application.draft_data, dict) else {}
        step = draft.get(DRAFT_STEP)
        if isinstance(step, dict) and old in (step.get(DRAFT_FIELD) or []):
            changed["draft_data"] = {
                **draft,
                DRAFT_STEP: {**step, DRAFT_FIELD: _renamed(step[DRAFT_FIELD], old, new)},
            }
        if changed:
            GrantApplication.objects.filter(pk=application.pk).update(**changed)


def dgs_to_gsg(apps, schema_editor):
    _rename(apps, "dgs", "gsg")


def gsg_to_dgs(apps, schema_editor):
    _rename(apps, "gsg", "dgs")


class Migration(migrations.Migration):
    dependencies = [("grants", "0002_grants_staff_group")]

    operations = [migrations.RunPython(dgs_to_gsg, gsg_to_dgs)]
