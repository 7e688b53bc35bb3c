"""German Sign Language is stored by its BCP 47 tag "gsg", not as "dgs"."""

from django.db import migrations

DGS = r"(^|,\s*)dgs(\s*,|$)"


def rename(apps, schema_editor):
    for model_name in ("Organization", "ContactPerson"):
        model = apps.get_model("organizations", model_name)
        for obj in model.objects.filter(languages__iregex=DGS):
            codes = []
            for code in obj.languages.lower().split(","):
                code = code.strip()
                code = "gsg" if code == "dgs" else code
                if code and code not in codes:
                    codes.append(code)
            model.objects.filter(pk=obj.pk).update(languages=", ".join(codes))


class Migration(migrations.Migration):
    dependencies = [("organizations", "0002_directory_proposals")]

    operations = [migrations.RunPython(rename, migrations.RunPython.noop)]
