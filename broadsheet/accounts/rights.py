"""What a user may do, as one comparable value, so that an administrator who
is not a superuser can be kept from raising anyone, themselves included,
above their own rights (security review, finding 7: a member of the
Administrators group could tick "Administrator" on any account and reset a
superuser's password, then sign in as them).

A user's rights are what their groups (and any permissions given to them
directly) grant: model permissions ("news.change_topic"), page permissions on
a subtree and image/document collection permissions on a subtree, or
everything for a superuser. Rights A cover rights B when every right in B is
in A, a page or collection permission counting for everything below the page
or collection it is given on. Being an approver in a workflow task is not
counted: an administrator can already publish, which goes beyond approving.

Rights are read from the groups themselves, not through Django's auth
backend, which reports nothing for an inactive account: an inactive member
of a powerful group still outranks an administrator, who could otherwise
reset its password and reactivate it.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from django.contrib.auth.models import Group, Permission
from django.db.models import Q
from wagtail.models import GroupCollectionPermission, GroupPagePermission


@dataclass(frozen=True)
class Rights:
    superuser: bool = False
    models: frozenset = field(default_factory=frozenset)  # "app.codename"
    pages: frozenset = field(default_factory=frozenset)  # (tree path, codename)
    collections: frozenset = field(default_factory=frozenset)  # likewise

    def covers(self, other: "Rights") -> bool:
        if self.superuser:
            return True
        if other.superuser:
            return False
        return (
            other.models <= self.models
            and all(within(right, self.pages) for right in other.pages)
            and all(within(right, self.collections) for right in other.collections)
        )


def within(right, held) -> bool:
    """Whether a (path, codename) tree right is given by one held on the same
    node or on one of its ancestors (tree paths are prefixes of their
    descendants')."""
    path, codename = right
    return any(
        codename == held_codename and path.startswith(held_path)
        for held_path, held_codename in held
    )


def model_names(permissions) -> frozenset:
    return frozenset(
        f"{app_label}.{codename}"
        for app_label, codename in permissions.values_list(
            "content_type__app_label", "codename"
        )
    )


def tree_rights(model, node, **filters) -> frozenset:
    return frozenset(
        model.objects.filter(**filters).values_list(
            f"{node}__path", "permission__codename"
        )
    )


def rights_of(user) -> Rights:
    if user.is_superuser:
        return Rights(superuser=True)
    groups = Group.objects.filter(user=user)
    return Rights(
        models=model_names(
            Permission.objects.filter(Q(group__in=groups) | Q(user=user)).distinct()
        ),
        pages=tree_rights(GroupPagePermission, "page", group__in=groups),
        collections=tree_rights(
            GroupCollectionPermission, "collection", group__in=groups
        ),
    )


def rights_by_group() -> dict[int, Rights]:
    """Every group's rights, in three queries."""
    models, pages, collections = defaultdict(set), defaultdict(set), defaultdict(set)
    for group_id, app_label, codename in Permission.objects.filter(
        group__isnull=False
    ).values_list("group", "content_type__app_label", "codename"):
        models[group_id].add(f"{app_label}.{codename}")
    for target, model, node in (
        (pages, GroupPagePermission, "page"),
        (collections, GroupCollectionPermission, "collection"),
    ):
        for group_id, path, codename in model.objects.values_list(
            "group", f"{node}__path", "permission__codename"
        ):
            target[group_id].add((path, codename))
    return {
        group_id: Rights(
            models=frozenset(models[group_id]),
            pages=frozenset(pages[group_id]),
            collections=frozenset(collections[group_id]),
        )
        for group_id in Group.objects.values_list("pk", flat=True)
    }


def outranks(user, actor) -> bool:
    """Whether `user` holds a right `actor` does not."""
    return not rights_of(actor).covers(rights_of(user))


def grantable_groups(actor):
    """The groups `actor` may give (or take away): those granting nothing
    beyond the actor's own rights."""
    if actor.is_superuser:
        return Group.objects.all()
    held = rights_of(actor)
    allowed = [pk for pk, rights in rights_by_group().items() if held.covers(rights)]
    return Group.objects.filter(pk__in=allowed)
