"""Forms are read as UTF-8, or refused.

A form POST that declares another charset (`Content-Type:
application/x-www-form-urlencoded; charset=utf-16`) makes Django raise
BadRequest while reading request.POST, and raise it again inside the 400 and
CSRF-failure handlers, which read it too: a 500 on every POST URL (Django
ticket #34709). Browsers send our forms as UTF-8 (every page says
`<meta charset="utf-8">`), so anything else is a client we refuse plainly,
before any middleware reads the form.
"""

from django.http import HttpResponseBadRequest

FORM_TYPES = {"application/x-www-form-urlencoded", "multipart/form-data"}
REFUSAL = "Forms must be sent as UTF-8 text."


def declares_other_charset(request) -> bool:
    if request.method != "POST" or request.content_type not in FORM_TYPES:
        return False
    # Django reads a urlencoded form only when it is labelled exactly "utf-8"
    # (any case); even the alias "utf8" would fail.
    charset = request.content_params.get("charset")
    return charset is not None and charset.lower() != "utf-8"


class FormCharsetMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if declares_other_charset(request):
            return HttpResponseBadRequest(REFUSAL, content_type="text/plain")
        return self.get_response(request)
