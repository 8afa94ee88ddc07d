"""The short form an editor posts an entry with, built from the same panels
Wagtail's editor uses (so the body is the stories' StreamField editor)."""

from django import forms
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, ObjectList

from broadsheet.live.models import LiveEntry


class EntryForm(WagtailAdminModelForm):
    def clean(self):
        data = super().clean()
        if data.get("key_event") and not (data.get("title") or "").strip():
            self.add_error("title", "A key event needs a title: it is its link.")
        return data


entry_panels = ObjectList(
    [
        FieldPanel("title"),
        FieldPanel("body"),
        FieldRowPanel(
            [FieldPanel("key_event"), FieldPanel("pinned"), FieldPanel("author")]
        ),
    ],
    base_form_class=EntryForm,
).bind_to_model(LiveEntry)


def entry_form(request, entry):
    form_class = entry_panels.get_form_class()
    data = request.POST if request.method == "POST" else None
    form = form_class(data, instance=entry, for_user=request.user)
    panel = entry_panels.get_bound_panel(instance=entry, request=request, form=form)
    return form, panel


class ConfirmForm(forms.Form):
    """Deleting and breaking out are POSTs with Django's CSRF check."""
