"""The Source form of the admin: credentials and the push token are written,
never shown; a URL that points inside the network is refused at once (and
again at every fetch: the check here only saves a surprise later)."""

from django import forms
from django.core.exceptions import ValidationError
from urllib3.util import parse_url
from wagtail.admin.forms import WagtailAdminModelForm

from broadsheet.wire.models import Source
from broadsheet.wire.sources import addresses

KEEP = "Leave empty to keep what is stored; it is never shown again."


class SourceForm(WagtailAdminModelForm):
    url = forms.URLField(
        label="URL",
        max_length=2000,
        required=False,
        assume_scheme="https",
        help_text=Source._meta.get_field("url").help_text,
    )
    secret = forms.CharField(
        label="Password or token",
        required=False,
        widget=forms.PasswordInput(render_value=False, attrs={"autocomplete": "off"}),
        help_text=KEEP,
    )
    forget_secret = forms.BooleanField(
        label="Forget the stored password or token", required=False
    )
    new_push_token = forms.BooleanField(
        label="Make a new push token",
        required=False,
        help_text="Shown once, after saving; it replaces the one the agency has.",
    )

    class Meta:
        model = Source
        fields = [
            "name", "slug", "url", "kind", "poll_every", "section", "trust",
            "credit", "enabled", "auth", "username",
        ]  # fmt: skip

    def clean_url(self):
        url = self.cleaned_data["url"]
        if not url:
            return url
        parts = parse_url(url)
        if parts.scheme not in ("http", "https"):
            raise ValidationError("Only http and https URLs can be polled.")
        try:
            addresses.resolve(parts.host.strip("[]"), parts.port or 443)
        except addresses.Refused as refused:
            if "cannot resolve" not in str(refused):  # it may resolve later
                raise ValidationError(str(refused)) from None
        return url

    def save(self, commit=True):
        source = super().save(commit=False)
        if self.cleaned_data.get("forget_secret"):
            source.secret = ""
        elif self.cleaned_data.get("secret"):
            source.secret = self.cleaned_data["secret"]
        self.new_token = None
        if self.cleaned_data.get("new_push_token"):
            self.new_token = source.new_push_token()
        if commit:
            source.save()
            self.save_m2m()
        return source
