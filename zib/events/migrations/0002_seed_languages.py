"""Seed the languages the office's visitors speak most (editors can add more)."""

from django.db import migrations

LANGUAGES = [
    ("de", "Deutsch", "Deutsch"),
    ("en", "Englisch", "English"),
    ("fr", "Französisch", "Français"),
    ("ar", "Arabisch", "العربية"),
    ("tr", "Türkisch", "Türkçe"),
    ("ru", "Russisch", "Русский"),
    ("uk", "Ukrainisch", "Українська"),
    ("ro", "Rumänisch", "Română"),
    ("fa", "Persisch (Farsi)", "فارسی"),
    ("prs", "Dari", "دری"),
    ("ku", "Kurdisch", "Kurdî"),
    ("pl", "Polnisch", "Polski"),
    ("bg", "Bulgarisch", "Български"),
    ("it", "Italienisch", "Italiano"),
    ("es", "Spanisch", "Español"),
    ("sq", "Albanisch", "Shqip"),
    ("ti", "Tigrinya", "ትግርኛ"),
    ("so", "Somali", "Soomaali"),
    ("gsg", "Deutsche Gebärdensprache (DGS)", "Deutsche Gebärdensprache (DGS)"),
]


def seed(apps, schema_editor):
    Language = apps.get_model("events", "Language")
    for order, (code, name, native_name) in enumerate(LANGUAGES):
        Language.objects.get_or_create(
            code=code, defaults={"name": name, "native_name": native_name, "sort_order": order * 10}
        )


class Migration(migrations.Migration):
    dependencies = [("events", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
