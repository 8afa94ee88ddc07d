"""Wire sources in the admin: editors see them and their health;
administrators add and change them (model permissions, home/setup.py)."""

from django.conf import settings
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from wagtail import hooks
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic.models import CreateView, EditView
from wagtail.admin.viewsets.model import ModelViewSet

from broadsheet.wire import health
from broadsheet.wire.forms import SourceForm
from broadsheet.wire.models import Source


def token_page(view, response):
    """The new push token, on the page that answers the save: never
    redirected through a message or a cookie, never cached."""
    token = getattr(view.form, "new_token", None)
    if not token:
        return response
    push_path = reverse("wire-push", args=[view.object.slug])
    page = TemplateResponse(
        view.request,
        "wire/admin/push_token.html",
        {
            "source": view.object,
            "token": token,
            "push_url": f"{settings.SITE_URL}{push_path}",
            "index_url": view.get_success_url(),
        },
    )
    add_never_cache_headers(page)
    return page


class SourceCreateView(CreateView):
    def form_valid(self, form):
        return token_page(self, super().form_valid(form))


class SourceEditView(EditView):
    def form_valid(self, form):
        return token_page(self, super().form_valid(form))


class SourceViewSet(ModelViewSet):
    model = Source
    icon = "globe"
    menu_label = "Wire sources"
    menu_order = 230
    add_to_admin_menu = True
    add_view_class = SourceCreateView
    edit_view_class = SourceEditView
    inspect_view_enabled = True
    inspect_view_fields_exclude = ["secret", "push_token_hash", "claimed_until"]
    list_display = [
        "name",
        "kind",
        "trust",
        Column("health", label="Health", accessor=health.state),
        "last_success_at",
        "next_poll_at",
    ]
    list_filter = ["kind", "trust", "enabled"]
    search_fields = ["name", "url"]

    def get_form_class(self, for_update=False):
        return SourceForm


@hooks.register("register_admin_viewset")
def register_source_viewset():
    return SourceViewSet("wire_sources")
