"""The reader's comment form, with the defences a form can check itself:
honeypot, signed form stamp (too fast, too old, sent twice), lengths,
links, the reply's thread, duplicates and rate limits."""

from django import forms
from django.core import signing

from broadsheet.comments import conf, defences, text
from broadsheet.comments.models import BODY_LENGTH, NAME_LENGTH, Comment
from broadsheet.core.placeholders import stamp_age

# Error codes whose answer is not a plain 400.
STATUS_FOR_CODE = {"rate_limited": 429}
RATE_LIMITED = "You are commenting too quickly. Please try again in a minute."
NOT_POSTED = "Sorry, your comment could not be posted."
RELOAD = "This form has expired. Please reload the page and send your comment again."


class CommentForm(forms.Form):
    name = forms.CharField(max_length=NAME_LENGTH, label="Name")
    email = forms.EmailField(
        max_length=254, label="Email", help_text="Never shown on the site."
    )
    body = forms.CharField(
        max_length=BODY_LENGTH,
        label="Comment",
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    parent = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)
    # The honeypot: hidden from people (CSS, aria-hidden, no tab stop); a
    # bot that fills every field fills this one.
    website = forms.CharField(required=False, label="Leave this field empty")
    stamp = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, article, ip_hash="", **kwargs):
        super().__init__(*args, **kwargs)
        self.article = article
        self.ip_hash = ip_hash
        self.parent_comment = None

    def clean_body(self):
        body = self.cleaned_data["body"]
        most = conf.get("COMMENTS_MAX_LINKS")
        if len(text.urls(body)) > most:
            raise forms.ValidationError(
                f"A comment may have at most {most} links.", code="links"
            )
        return body

    def clean_parent(self):
        pk = self.cleaned_data.get("parent")
        if pk is None:
            return None
        parent = Comment.objects.approved().filter(pk=pk).first()
        if parent is None or parent.article_id != self.article.pk:
            raise forms.ValidationError(
                "You can only reply to a published comment on this story.",
                code="parent",
            )
        # One level deep: a reply to a reply joins its thread.
        self.parent_comment = parent.parent if parent.parent_id else parent
        return self.parent_comment.pk

    def clean(self):
        data = super().clean()
        if data.get("website"):
            raise forms.ValidationError(NOT_POSTED, code="honeypot")
        self.check_stamp(data.get("stamp") or "")
        if self.errors:
            return data
        if defences.is_duplicate(
            self.article, data["email"], self.ip_hash, data["body"]
        ):
            raise forms.ValidationError(
                "You have already posted this comment.", code="duplicate"
            )
        if defences.rate_limited(self.ip_hash, data["email"]):
            raise forms.ValidationError(RATE_LIMITED, code="rate_limited")
        if defences.stamp_used(data["stamp"], conf.get("COMMENTS_FORM_MAX_AGE")):
            raise forms.ValidationError(
                "This form was already sent. Please reload the page.", code="replay"
            )
        return data

    def check_stamp(self, stamp):
        try:
            age = stamp_age(stamp, conf.get("COMMENTS_FORM_MAX_AGE"))
        except signing.SignatureExpired:
            raise forms.ValidationError(RELOAD, code="expired") from None
        except (signing.BadSignature, ValueError):
            raise forms.ValidationError(RELOAD, code="stamp") from None
        if age < conf.get("COMMENTS_MIN_SECONDS"):
            raise forms.ValidationError(
                "That was quick! Please read your comment over and send it again.",
                code="too_fast",
            )

    def status_code(self):
        for error in self.non_field_errors().as_data():
            if error.code in STATUS_FOR_CODE:
                return STATUS_FOR_CODE[error.code]
        return 400


class StaffReplyForm(forms.Form):
    body = forms.CharField(
        max_length=BODY_LENGTH, label="Reply", widget=forms.Textarea(attrs={"rows": 6})
    )
