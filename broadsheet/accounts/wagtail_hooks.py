from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from wagtail import hooks

from broadsheet.accounts.rights import grantable_groups, outranks


@hooks.register("before_bulk_action")
def keep_user_bulk_actions_within_rights(request, action_type, objects, action):
    """The users listing's bulk actions (delete, set active, assign a role)
    obey the limits the user forms do (users.py)."""
    if request.user.is_superuser or action.model is not get_user_model():
        return None
    if any(outranks(user, request.user) for user in objects):
        raise PermissionDenied("Some of those accounts hold rights you do not.")
    if action_type == "assign_role":
        role = action.cleaned_form.cleaned_data["role"]
        if not grantable_groups(request.user).filter(pk=role.pk).exists():
            raise PermissionDenied("That role grants rights you do not hold.")
    return None
