"""Wagtail's user admin, limited to the acting user's own rights (see
rights.py): a non-superuser cannot make anyone a superuser, cannot give a
group that grants more than they hold (to anyone, themselves included), and
cannot edit, reset the password of, or delete an account that holds more
than they do (a superuser above all). Bulk actions get the same limits in
wagtail_hooks.py. Installed as Wagtail's users app (apps.WagtailUsersConfig)."""

from django.core.exceptions import PermissionDenied
from wagtail.users.forms import UserCreationForm, UserEditForm
from wagtail.users.views import users

from broadsheet.accounts.rights import grantable_groups, outranks


class WithinActorsRights:
    """For a form a non-superuser fills in: no "Administrator" (superuser)
    box, and only the groups they may give."""

    def __init__(self, *args, acting_user=None, **kwargs):
        super().__init__(*args, **kwargs)
        if acting_user is not None and not acting_user.is_superuser:
            self.fields.pop("is_superuser", None)
            if "groups" in self.fields:
                self.fields["groups"].queryset = grantable_groups(acting_user)


class LimitedUserCreationForm(WithinActorsRights, UserCreationForm):
    pass


class LimitedUserEditForm(WithinActorsRights, UserEditForm):
    pass


class ActingUserMixin:
    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "acting_user": self.request.user}


def refuse_if_outranked(request, user):
    if outranks(user, request.user):
        raise PermissionDenied("That account holds rights you do not.")


class CreateView(ActingUserMixin, users.CreateView):
    pass


class EditView(ActingUserMixin, users.EditView):
    def dispatch(self, request, *args, **kwargs):
        refuse_if_outranked(request, self.object)  # loaded by setup()
        return super().dispatch(request, *args, **kwargs)


class DeleteView(users.DeleteView):
    def dispatch(self, request, *args, **kwargs):
        refuse_if_outranked(request, self.get_object())
        return super().dispatch(request, *args, **kwargs)


class UserViewSet(users.UserViewSet):
    add_view_class = CreateView
    edit_view_class = EditView
    delete_view_class = DeleteView

    def get_form_class(self, for_update=False):
        return LimitedUserEditForm if for_update else LimitedUserCreationForm
