"""A person's spoken languages: stored as language codes, whatever way an editor typed them."""

import pytest
from django.core.exceptions import ValidationError

from .factories import PersonFactory


@pytest.mark.django_db
def test_languages_are_stored_as_lower_case_codes_once_each():
    person = PersonFactory.build(languages="DE; en  fr, de, DGS")
    person.full_clean(exclude=["photo", "locale", "translation_key"])
    assert person.languages == "de, en, fr, gsg"
    assert person.language_codes == ["de", "en", "fr", "gsg"]


@pytest.mark.django_db
def test_what_is_not_a_language_code_is_refused_with_the_codes_named():
    person = PersonFactory.build(languages="de, Deutsch, Englisch")
    with pytest.raises(ValidationError) as refused:
        person.full_clean(exclude=["photo", "locale", "translation_key"])
    [message] = refused.value.message_dict["languages"]
    assert message == (
        "Diese Sprachkürzel kennen wir nicht: deutsch, englisch. Bitte z. B. de, ar, uk schreiben."
    )


@pytest.mark.django_db
def test_languages_saved_without_a_form_are_normalised_too():
    person = PersonFactory(languages="AR,ar , Ku")
    person.refresh_from_db()
    assert person.languages == "ar, ku"
