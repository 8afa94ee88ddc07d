"""Language tags as agencies send them, read into the forms pages use."""

import pytest
from django.core.exceptions import ValidationError

from broadsheet.core.languages import language_tag, og_locale, validate_language_tag


@pytest.mark.parametrize(
    "sent, tag",
    [
        ("en", "en"),
        ("EN-us", "en-US"),
        ("nb_NO", "nb-NO"),
        ("zh-hant-tw", "zh-Hant-TW"),
        ("es-419", "es-419"),
        ("de-DE-x-private", "de-DE"),
        (" fr ", "fr"),
        ("English", ""),
        ("e", ""),
        ("", ""),
        ("en US", ""),
        ("<script>", ""),
    ],
)
def test_a_sent_language_becomes_a_tag_or_nothing(sent, tag):
    assert language_tag(sent) == tag


def test_link_previews_name_language_and_territory():
    assert og_locale("nb-NO") == "nb_NO"
    assert og_locale("zh-Hant-TW") == "zh_TW"
    assert og_locale("es-419") == "es_419"
    assert og_locale("fr") == "fr"


def test_editors_get_a_clear_message_for_a_tag_that_is_not_one():
    validate_language_tag("pt-BR")
    validate_language_tag("")
    with pytest.raises(ValidationError, match="not a language tag"):
        validate_language_tag("Portuguese")
