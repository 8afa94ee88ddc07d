"""Language tags: a story's own (wire copy arrives in many languages), else
the site's. Browsers, screen readers and search engines read them from the
page (`<html lang>`), its JSON-LD (`inLanguage`), its link previews
(`og:locale`) and the Google News sitemap (`news:language`)."""

import re

from django.conf import settings
from django.core.exceptions import ValidationError

# BCP 47 as agencies send it: a language, then an optional script and region
# ("en", "nb-NO", "zh-Hant-TW"). Variants, extensions and private use after
# them are dropped: nothing that reads these tags here uses them.
TAG = re.compile(
    r"^([a-z]{2,3})(?:-([a-z]{4}))?(?:-([a-z]{2}|\d{3}))?(?:-[a-z\d]{1,8})*$",
    re.IGNORECASE,
)


def language_tag(value: str) -> str:
    """`value` as a BCP 47 tag in its usual case ("nb-NO"), or "" if it is not
    one (ninjs and feeds carry free text here, and "English" is no tag)."""
    match = TAG.match((value or "").strip().replace("_", "-"))
    if not match:
        return ""
    language, script, region = match.groups()
    parts = [language.lower()]
    if script:
        parts.append(script.title())
    if region:
        parts.append(region.upper())
    return "-".join(parts)


def site_language() -> str:
    return language_tag(settings.LANGUAGE_CODE) or "en"


def og_locale(tag: str) -> str:
    """OpenGraph's form of a tag: language_TERRITORY ("nb_NO"), or the bare
    language when the tag names no region."""
    parts = tag.split("-")
    region = [part for part in parts[1:] if part.isupper() or part.isdigit()]
    return f"{parts[0]}_{region[0]}" if region else parts[0]


def validate_language_tag(value: str) -> None:
    if value and not language_tag(value):
        raise ValidationError(
            "%(value)s is not a language tag: use one like en, nb-NO or zh-Hant.",
            params={"value": value},
        )
