"""The JSON Schema of each ninjs version, shipped in broadsheet/wire/schemas/,
and a validator per version that is fast enough for bulk imports.

jsonschema spends ~5 ms on a typical agency item (a few hundred sub-schema
descents, twice over for `unevaluatedProperties`), which alone would cap an
import below 200 items/s. Every ninjs root schema has the same simple shape,
an object of known properties and nothing else, so a document is checked
property by property and the verdict for each value is memoised: subjects,
places, genres and bylines repeat from item to item. Anything the fast check
rejects, or a schema whose shape it does not recognise, goes through the full
validator, which also writes the error message. A test pins the two to the same
verdict on every document of IPTC's conformance suite and examples.
"""

import functools
import json
import re
from pathlib import Path

from jsonschema import validators
from jsonschema.exceptions import best_match
from referencing import Registry, Resource

SCHEMA_DIR = Path(__file__).resolve().parent.parent / "schemas"
RELEASED = {
    version: f"ninjs-schema_{version}.json"
    for version in (
        "1.0", "1.1", "1.2", "1.3", "1.4", "1.5", "1.6", "2.0", "2.1", "2.2",
        "3.0", "3.1",
    )
}  # fmt: skip
# IPTC's development drafts, only ever used when forced (--version 1.x_dev):
# the schemas IPTC's own runner checks its 1.x_dev and 2.x_dev suites with.
DRAFTS = {
    "1.x_dev": "ninjs-schema-dev_0.2_v1.5.json",
    "2.x_dev": "ninjs-schema-dev_0.1_v2.1.json",
}
VERSIONS = {**RELEASED, **DRAFTS}
GEOJSON = "geojson.json"
MESSAGE_LIMIT = 200  # characters of a schema error: a refusal stays one line
MEMO_LIMIT = 20_000  # remembered verdicts per property before starting afresh

# The root keywords the fast check understands; any other sends every document
# of that version through the full validator.
ROOT_KEYWORDS = {
    "$schema", "$id", "id", "title", "description", "type", "properties",
    "patternProperties", "additionalProperties", "required", "$defs",
    "definitions", "$ref", "unevaluatedProperties",
}  # fmt: skip
ANNOTATIONS = {"title", "description"}


@functools.cache
def registry() -> Registry:
    geojson = json.loads((SCHEMA_DIR / GEOJSON).read_text())
    return Registry().with_resource(geojson["$id"], Resource.from_contents(geojson))


@functools.cache
def schema_for(version: str) -> "NinjsSchema":
    return NinjsSchema(
        version, json.loads((SCHEMA_DIR / VERSIONS[version]).read_text())
    )


def describe(error) -> str:
    message = " ".join(error.message.split())
    if len(message) > MESSAGE_LIMIT:
        message = message[: MESSAGE_LIMIT - 1] + "…"
    where = error.json_path
    return message if where == "$" else f"{message} (at {where})"


class ValueCheck:
    """Is one value valid against one sub-schema? Verdicts are memoised by the
    value's JSON; arrays of items are checked (and memoised) item by item."""

    def __init__(self, validator, schema):
        self.validator = validator.evolve(schema=schema)
        self.memo = {}
        self.items = None
        if (
            isinstance(schema, dict)
            and schema.get("type") == "array"
            and isinstance(schema.get("items"), dict)
            and set(schema) <= ANNOTATIONS | {"type", "items"}
        ):
            self.items = ValueCheck(validator, schema["items"])

    def valid(self, value) -> bool:
        if self.items is not None and isinstance(value, list):
            return all(self.items.valid(item) for item in value)
        key = json.dumps(value, sort_keys=True, separators=(",", ":"))
        verdict = self.memo.get(key)
        if verdict is None:
            if len(self.memo) >= MEMO_LIMIT:
                self.memo.clear()
            verdict = self.memo[key] = self.validator.is_valid(value)
        return verdict


class NinjsSchema:
    def __init__(self, version: str, schema: dict):
        self.version = version
        self.full = validators.validator_for(schema)(schema, registry=registry())
        self.properties, self.patterns = self._top_level(schema)
        self.fast = self._fast_plan(schema)

    def knows(self, key: str) -> bool:
        """Does this version define `key` as a top-level property?"""
        return key in self.properties or any(p.search(key) for p in self.patterns)

    def error(self, document) -> str | None:
        """Why the document is not valid against this version, or None."""
        if self.fast is not None and self._fast_valid(document):
            return None
        error = best_match(self.full.iter_errors(document))
        return None if error is None else describe(error)

    def _top_level(self, schema):
        target = self._ref_target(schema) if "$ref" in schema else schema
        properties = dict((target or {}).get("properties", {}))
        patterns = [re.compile(p) for p in schema.get("patternProperties", {})]
        return properties, patterns

    @staticmethod
    def _ref_target(schema):
        ref = schema["$ref"]
        if not ref.startswith("#/"):
            return None
        target = schema
        for part in ref[2:].split("/"):
            target = target.get(part, {})
        return target

    def _fast_plan(self, schema):
        if set(schema) - ROOT_KEYWORDS or "draft-03" in schema.get("$schema", ""):
            return None
        if schema.get("type") != "object":
            return None
        if "$ref" in schema:
            target = self._ref_target(schema)
            if (
                target is None
                or set(target) - ANNOTATIONS - {"type", "properties"}
                or schema.get("unevaluatedProperties") is not False
                or "properties" in schema
                or "patternProperties" in schema
            ):
                return None
        elif schema.get("additionalProperties") is not False:
            return None
        checks = {
            key: ValueCheck(self.full, sub) for key, sub in self.properties.items()
        }
        pattern_checks = [
            (re.compile(p), ValueCheck(self.full, sub))
            for p, sub in schema.get("patternProperties", {}).items()
        ]
        return checks, pattern_checks, list(schema.get("required", []))

    def _fast_valid(self, document) -> bool:
        checks, pattern_checks, required = self.fast
        if not isinstance(document, dict):
            return False
        if any(key not in document for key in required):
            return False
        for key, value in document.items():
            applicable = [
                check for pattern, check in pattern_checks if pattern.search(key)
            ]
            if key in checks:
                applicable.append(checks[key])
            if not applicable or not all(c.valid(value) for c in applicable):
                return False
        return True
