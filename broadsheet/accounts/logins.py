"""The two places a password is typed, throttled (security review, finding
6: 40 wrong admin passwords and then the right one signed in; page passwords
took 33 guesses a second).

- Admin sign-in: Wagtail's login form, through WAGTAILADMIN_USER_LOGIN_FORM.
  The account is the username typed (known or not, so a lock reveals
  nothing about which accounts exist).
- Page passwords (a story or section behind a shared password): Wagtail's
  /_util/authenticate_with_password/ view, replaced at the same URL. The
  "account" is the page's restriction.

The reader's address comes through core.clients (TRUSTED_PROXIES).

Why not django-axes: it hooks Django's authenticate(), which page passwords
never call, so it would cover half of this; it also brings its own auth
backend, middleware and tables. Both forms here share throttle.py instead,
counted with the cache's atomic add/incr as the comment rate limits are.
"""

from django import forms
from django.conf import settings
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods
from wagtail.admin.forms.auth import LoginForm
from wagtail.forms import PasswordViewRestrictionForm
from wagtail.models import Page, PageViewRestriction

from broadsheet.accounts.throttle import Throttle, refusal
from broadsheet.core.clients import client_address

LOCKED = "throttled"


def admin_logins() -> Throttle:
    return Throttle(
        "admin-login",
        per_account=settings.LOGIN_ATTEMPTS_PER_ACCOUNT,
        per_address=settings.LOGIN_ATTEMPTS_PER_ADDRESS,
        window=settings.LOCKOUT_SECONDS,
    )


def page_passwords() -> Throttle:
    return Throttle(
        "page-password",
        per_account=settings.PAGE_PASSWORD_ATTEMPTS_PER_PAGE,
        per_address=settings.PAGE_PASSWORD_ATTEMPTS_PER_ADDRESS,
        window=settings.LOCKOUT_SECONDS,
    )


class ThrottledLoginForm(LoginForm):
    """Wagtail's admin login form; while the account or the address is
    locked, the password is not even checked."""

    def clean(self):
        throttle = admin_logins()
        username = self.cleaned_data.get("username") or ""
        address = client_address(self.request)
        if wait := throttle.wait(username, address):
            raise forms.ValidationError(refusal(wait), code=LOCKED)
        try:
            cleaned = super().clean()
        except forms.ValidationError as error:
            if error.code == "invalid_login":
                throttle.failed(username, address)
            raise
        if self.user_cache is not None:
            throttle.succeeded(username, address)
        return cleaned


class ThrottledPasswordForm(PasswordViewRestrictionForm):
    def __init__(self, *args, request, **kwargs):
        self.request = request
        super().__init__(*args, **kwargs)

    def clean_password(self):
        throttle = page_passwords()
        account = str(self.restriction.pk)
        address = client_address(self.request)
        if wait := throttle.wait(account, address):
            raise forms.ValidationError(refusal(wait), code=LOCKED)
        try:
            return super().clean_password()
        except forms.ValidationError:
            throttle.failed(account, address)
            raise

    @property
    def locked(self):
        return any(
            error.code == LOCKED for error in self.errors.as_data().get("password", [])
        )


TOO_MANY_REQUESTS = 429


@require_http_methods(["GET", "POST"])
def authenticate_with_password(request, page_view_restriction_id, page_id):
    """Wagtail's view (wagtail.views.authenticate_with_password), with the
    throttled form."""
    restriction = get_object_or_404(PageViewRestriction, id=page_view_restriction_id)
    page = get_object_or_404(Page, id=page_id).specific
    form = ThrottledPasswordForm(
        request.POST if request.method == "POST" else None,
        instance=restriction,
        request=request,
    )
    if request.method == "POST" and form.is_valid():
        return_url = form.cleaned_data["return_url"]
        if not url_has_allowed_host_and_scheme(
            return_url, request.get_host(), request.is_secure()
        ):
            return_url = settings.LOGIN_REDIRECT_URL
        restriction.mark_as_passed(request)
        return redirect(return_url)
    action_url = reverse(
        "wagtailcore_authenticate_with_password", args=[restriction.id, page.id]
    )
    response = page.serve_password_required_response(request, form, action_url)
    if form.is_bound and form.locked:
        response.status_code = TOO_MANY_REQUESTS
    return response
