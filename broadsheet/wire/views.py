"""POST /wire/push/<source>/: an agency pushes ninjs (one item, an array or
JSON Lines) with `Authorization: Bearer <the source's push token>`.

The same path as import_ninjs (reading, then the Importer, as the source's
trust level says): a re-sent uri updates its item and story. The answer is
JSON with one result per document, in order. 401 without a valid token (an
unknown source looks the same), 413 past WIRE_MAX_BYTES, 400 when every
document was refused. CSRF does not apply (no browser, no cookie: the token
is the credential), and the answer is never cached.
"""

import logging
import re

from django.conf import settings
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from broadsheet.wire import reading
from broadsheet.wire.importer import REFUSED, Importer
from broadsheet.wire.models import Source
from broadsheet.wire.parsers import ninjs
from broadsheet.wire.sources.base import Payload

logger = logging.getLogger(__name__)

BEARER = re.compile(r"^Bearer\s+(\S+)\s*$", re.IGNORECASE)
NAME = "push"


@csrf_exempt
@never_cache
@require_POST
def push(request, slug):
    source = Source.objects.select_related("section").filter(slug=slug).first()
    if source is None or not source.enabled or not source.accepts_token(token(request)):
        response = JsonResponse({"error": "a valid push token is required"}, status=401)
        response["WWW-Authenticate"] = 'Bearer realm="wire"'
        return response
    body = read_capped(request, settings.WIRE_MAX_BYTES)
    if body is None:
        return JsonResponse(
            {"error": f"larger than {settings.WIRE_MAX_BYTES:,} bytes"}, status=413
        )
    results = receive(source, body)
    accepted = [r for r in results if r["status"] != REFUSED]
    status = 200 if accepted or not results else 400
    counts = {}
    for result in results:
        counts[result["status"]] = counts.get(result["status"], 0) + 1
    return JsonResponse({"results": results, "counts": counts}, status=status)


def token(request) -> str:
    match = BEARER.match(request.headers.get("Authorization", ""))
    return match[1] if match else ""


def read_capped(request, limit: int) -> bytes | None:
    """The body, or None past the limit (read no further than one byte over)."""
    declared = request.META.get("CONTENT_LENGTH", "")
    if declared.isdigit() and int(declared) > limit:
        return None
    body = request.read(limit + 1)
    return None if len(body) > limit else body


def receive(source: Source, body: bytes) -> list[dict]:
    """Every document of the payload through the importer; one result each."""
    documents = list(ninjs.documents(Payload(NAME, body)))
    outcomes = {}

    def on_outcome(name, outcome, reason):
        outcomes[name] = (outcome, reason)

    importer = Importer.for_source(
        source,
        on_outcome=on_outcome,
        report_error=logger.info,
        report_note=logger.debug,
    )
    uris = {}
    for document in documents:
        parsed = reading.read_document(document, None)
        if parsed.story is not None:
            uris[document.name] = parsed.story.uri
            importer.add(parsed.name, parsed.story, parsed.blocks)
        elif parsed.skipped:
            importer.skipped(parsed.name, parsed.skipped)
        else:
            importer.refused(parsed.name, parsed.refused)
    importer.finish()
    return [
        result(index, document.name, uris.get(document.name), outcomes)
        for index, document in enumerate(documents)
    ]


def result(index, name, uri, outcomes) -> dict:
    outcome, reason = outcomes[name]
    found = {"index": index, "status": outcome}
    if uri:
        found["uri"] = uri
    if reason:
        found["reason"] = reason
    return found
