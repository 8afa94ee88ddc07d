"""Administrators who are not superusers manage users without being able to
raise anyone, themselves included, above their own rights (security review,
finding 7). Everything here goes through Wagtail's real admin views, signed
in as a member of the Administrators group."""

import pytest
from django.contrib.auth.models import Group, Permission, User
from wagtail.models import Page

from broadsheet.accounts.rights import grantable_groups, outranks, rights_by_group
from broadsheet.home.setup import ADMINISTRATORS, AUTHORS, EDITORS
from broadsheet.testing import logged_in, make_user, parse

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery staple"
NEW_PASSWORD = "Probe-Admin2-Pass!9"


@pytest.fixture
def admin2():
    return make_user("admin2", ADMINISTRATORS)


@pytest.fixture
def as_admin2(admin2):
    return logged_in(admin2)


@pytest.fixture
def author():
    return make_user("author", AUTHORS)


@pytest.fixture
def root():
    return make_user("root2", superuser=True)


@pytest.fixture
def developers():
    """A group with a right administrators do not hold: editing groups."""
    group = Group.objects.create(name="Developers")
    group.permissions.add(
        Permission.objects.get(content_type__app_label="auth", codename="change_group"),
        Permission.objects.get(codename="access_admin"),
    )
    return group


def edit_url(user):
    return f"/admin/users/edit/{user.pk}/"


def form_data(user, **changes):
    """What the edit form sends back for `user`, with some fields changed."""
    data = {
        "username": user.username,
        "email": user.email or f"{user.username}@example.org",
        "first_name": user.first_name or "First",
        "last_name": user.last_name or "Last",
        "is_active": "on",
        "groups": [str(pk) for pk in user.groups.values_list("pk", flat=True)],
        "password1": "",
        "password2": "",
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def can_sign_in(username, password):
    from django.test import Client

    return Client().login(username=username, password=password)


def refused(response):
    """Wagtail's answer to a forbidden admin view: back to the dashboard."""
    return response.status_code == 302 and response["Location"] == "/admin/"


# What the reviewer did


def test_ticking_administrator_on_another_account_does_nothing(as_admin2, author):
    form = parse(as_admin2.get(edit_url(author)))
    assert form.find("input", attrs={"name": "is_superuser"}) is None

    response = as_admin2.post(edit_url(author), form_data(author, is_superuser="on"))

    assert response.status_code == 302
    author.refresh_from_db()
    assert author.is_superuser is False
    assert author.first_name == "First"  # the rest of the form was saved


def test_a_superusers_password_cannot_be_reset(as_admin2, root):
    assert refused(as_admin2.get(edit_url(root)))

    response = as_admin2.post(
        edit_url(root),
        form_data(root, password1=NEW_PASSWORD, password2=NEW_PASSWORD),
    )

    assert refused(response)
    assert not can_sign_in("root2", NEW_PASSWORD)
    assert can_sign_in("root2", PASSWORD)


def test_a_superuser_cannot_be_deactivated_or_renamed(as_admin2, root):
    as_admin2.post(
        edit_url(root), form_data(root, is_active=None, email="x@evil.example")
    )

    root.refresh_from_db()
    assert root.is_active and root.email == "root2@example.org"


def test_a_superuser_cannot_be_deleted(as_admin2, root):
    assert refused(as_admin2.post(f"/admin/users/delete/{root.pk}/"))
    assert User.objects.filter(pk=root.pk).exists()


# Groups: nobody above the actor's own rights, themselves included


def test_an_administrator_cannot_join_a_group_with_more_rights(
    as_admin2, admin2, developers
):
    groups = [str(g.pk) for g in admin2.groups.all()] + [str(developers.pk)]

    response = as_admin2.post(edit_url(admin2), form_data(admin2, groups=groups))

    assert response.status_code == 200  # the form again, with the error
    assert "is not one of the available choices" in response.text
    assert not admin2.groups.filter(pk=developers.pk).exists()


def test_nor_wagtails_moderators_whose_rights_start_above_the_front_page(
    as_admin2, author
):
    moderators = Group.objects.get(name="Moderators")
    assert moderators.page_permissions.filter(page__depth=1).exists()

    as_admin2.post(edit_url(author), form_data(author, groups=[str(moderators.pk)]))

    assert not author.groups.filter(pk=moderators.pk).exists()


def test_the_form_offers_only_the_groups_an_administrator_may_give(
    as_admin2, author, developers
):
    page = parse(as_admin2.get(edit_url(author)))
    offered = {
        box.find_parent("label").get_text(" ", strip=True)
        for box in page.find_all("input", attrs={"name": "groups"})
    }

    assert offered == {AUTHORS, EDITORS, ADMINISTRATORS}


def test_an_account_in_a_stronger_group_cannot_be_edited(as_admin2, developers):
    developer = make_user("dev")
    developer.groups.add(developers)

    response = as_admin2.post(
        edit_url(developer),
        form_data(developer, password1=NEW_PASSWORD, password2=NEW_PASSWORD),
    )

    assert refused(response)
    assert not can_sign_in("dev", NEW_PASSWORD)


def test_an_inactive_account_in_a_stronger_group_still_outranks(admin2, developers):
    sleeper = make_user("sleeper")
    sleeper.groups.add(developers)
    User.objects.filter(pk=sleeper.pk).update(is_active=False)

    assert outranks(User.objects.get(pk=sleeper.pk), admin2)


# What administrators still do


def test_an_administrator_makes_an_author_an_editor_and_resets_their_password(
    as_admin2, author
):
    editors = Group.objects.get(name=EDITORS)

    response = as_admin2.post(
        edit_url(author),
        form_data(
            author,
            groups=[str(editors.pk)],
            password1=NEW_PASSWORD,
            password2=NEW_PASSWORD,
        ),
    )

    assert response.status_code == 302
    assert list(author.groups.values_list("name", flat=True)) == [EDITORS]
    assert can_sign_in("author", NEW_PASSWORD)


def test_an_administrator_adds_a_user_but_not_a_superuser(as_admin2):
    authors = Group.objects.get(name=AUTHORS)
    data = {
        "username": "newbie",
        "email": "newbie@example.org",
        "first_name": "New",
        "last_name": "Writer",
        "is_superuser": "on",
        "groups": [str(authors.pk)],
        "password1": NEW_PASSWORD,
        "password2": NEW_PASSWORD,
    }

    response = as_admin2.post("/admin/users/new/", data)

    assert response.status_code == 302
    newbie = User.objects.get(username="newbie")
    assert newbie.is_superuser is False
    assert list(newbie.groups.all()) == [authors]


def test_a_superuser_still_makes_superusers(root, author):
    response = logged_in(root).post(
        edit_url(author), form_data(author, is_superuser="on")
    )

    assert response.status_code == 302
    author.refresh_from_db()
    assert author.is_superuser


# The users listing's bulk actions


def bulk(client, action, users, data=None):
    ids = "&".join(f"id={user.pk}" for user in users)
    return client.post(
        f"/admin/bulk/auth/user/{action}/?next=/admin/users/&{ids}", data or {}
    )


def test_bulk_assign_role_cannot_give_a_stronger_group(as_admin2, admin2, developers):
    response = bulk(as_admin2, "assign_role", [admin2], {"role": developers.pk})

    assert refused(response)
    assert not admin2.groups.filter(pk=developers.pk).exists()


def test_bulk_assign_role_gives_a_group_within_rights(as_admin2, author):
    editors = Group.objects.get(name=EDITORS)

    bulk(as_admin2, "assign_role", [author], {"role": editors.pk})

    assert author.groups.filter(pk=editors.pk).exists()


def test_bulk_actions_cannot_touch_a_superuser(as_admin2, root, author):
    moderators = Group.objects.get(name="Moderators")
    editors = Group.objects.get(name=EDITORS)

    assert refused(
        bulk(as_admin2, "set_active_state", [root], {"mark_as_active": "False"})
    )
    assert refused(bulk(as_admin2, "assign_role", [root, author], {"role": editors.pk}))
    bulk(as_admin2, "delete", [root])
    bulk(as_admin2, "assign_role", [author], {"role": moderators.pk})

    root.refresh_from_db()
    assert root.is_active and User.objects.filter(pk=root.pk).exists()
    assert set(author.groups.values_list("name", flat=True)) == {AUTHORS}


# The rule itself


def test_grantable_groups_are_those_within_the_actors_rights(admin2, developers):
    names = set(grantable_groups(admin2).values_list("name", flat=True))

    assert names == {AUTHORS, EDITORS, ADMINISTRATORS}
    assert "Developers" not in names and "Moderators" not in names


def test_a_page_permission_covers_the_pages_below(admin2):
    section = Page.objects.get(slug="world")
    group = Group.objects.create(name="World desk")
    from wagtail.models import GroupPagePermission

    GroupPagePermission.objects.create(
        group=group,
        page=section,
        permission=Permission.objects.get(codename="publish_page"),
    )

    assert group in grantable_groups(admin2)


def test_administrators_hold_every_right_of_the_roles_they_give():
    rights = rights_by_group()
    groups = {g.name: g.pk for g in Group.objects.all()}
    administrators = rights[groups[ADMINISTRATORS]]

    assert administrators.covers(rights[groups[EDITORS]])
    assert administrators.covers(rights[groups[AUTHORS]])


def test_an_existing_install_is_brought_up_to_that_by_its_migration():
    from importlib import import_module

    from django.apps import apps

    administrators = Group.objects.get(name=ADMINISTRATORS)
    administrators.permissions.remove(
        *administrators.permissions.filter(content_type__app_label="wagtaildocs")
    )
    administrators.page_permissions.filter(page__depth=1).delete()
    assert not rights_by_group()[administrators.pk].covers(
        rights_by_group()[Group.objects.get(name=EDITORS).pk]
    )
    migration = import_module(
        "broadsheet.home.migrations.0003_administrators_hold_every_role"
    )

    migration.administrators_hold_every_role(apps, None)

    test_administrators_hold_every_right_of_the_roles_they_give()
