"""What a fresh install needs before anyone logs in: the front page, the
sections, the newsroom's roles and its review workflow.

Runs after every `migrate` but acts only on a fresh install (no front page
yet), so a renamed section or an adjusted group survives upgrades.
"""

from django.apps import apps
from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.db import transaction
from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Locale,
    Page,
    Site,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

SECTIONS = [
    ("Politics", "politics"),
    ("U.S.", "us"),
    ("World", "world"),
    ("Business", "business"),
    ("Technology", "technology"),
    ("Science", "science"),
    ("Health", "health"),
    ("Sports", "sports"),
    ("Entertainment", "entertainment"),
]

AUTHORS, EDITORS, ADMINISTRATORS = "Authors", "Editors", "Administrators"

# Page permissions: "add" lets a group create pages and edit its own drafts;
# "change" edits anyone's; "publish" publishes, schedules and unpublishes.
PAGE_PERMISSIONS = {
    AUTHORS: ["add"],
    EDITORS: ["add", "change", "publish", "lock", "unlock"],
    ADMINISTRATORS: ["add", "change", "publish", "bulk_delete", "lock", "unlock"],
}
IMAGE_PERMISSIONS = {
    AUTHORS: ["add_image", "choose_image"],
    EDITORS: ["add_image", "change_image", "choose_image"],
    ADMINISTRATORS: ["add_image", "change_image", "delete_image", "choose_image"],
}
# Wire sources: editors see them and their health; administrators change them
# (wire's migration 0003 gives installs made before them the same).
# The wire desk (desk.view_deskstory): authors, editors and administrators
# (desk's migration 0002 for installs made before it).
WIRE_SOURCES = [
    f"wire.{action}_source" for action in ("add", "change", "delete", "view")
]
MODEL_PERMISSIONS = {
    AUTHORS: [
        "wagtailadmin.access_admin",
        "news.view_topic",
        "news.add_topic",
        "news.view_author",
        "desk.view_deskstory",
    ],
    EDITORS: [
        "wagtailadmin.access_admin",
        "news.add_topic",
        "news.change_topic",
        "news.view_topic",
        "news.add_author",
        "news.change_author",
        "news.view_author",
        "home.change_sitesettings",
        "comments.change_comment",
        "comments.delete_comment",
        "comments.change_commentsettings",
        "wire.view_source",
        "desk.view_deskstory",
    ],
    ADMINISTRATORS: [
        "wagtailadmin.access_admin",
        "news.add_topic",
        "news.change_topic",
        "news.delete_topic",
        "news.view_topic",
        "news.add_author",
        "news.change_author",
        "news.delete_author",
        "news.view_author",
        "home.change_sitesettings",
        "comments.change_comment",
        "comments.delete_comment",
        "comments.change_commentsettings",
        "auth.add_user",
        "auth.change_user",
        "auth.delete_user",
        "auth.view_user",
        "wagtailcore.change_workflow",
        *WIRE_SOURCES,
        "desk.view_deskstory",
    ],
}


def install(**kwargs):
    """post_migrate handler; acts once every app's tables and permissions exist."""
    last_app_with_models = [a for a in apps.get_app_configs() if a.models_module][-1]
    if kwargs.get("app_config") is not last_app_with_models:
        return
    with transaction.atomic(using=kwargs.get("using", "default")):
        if not needs_install():
            return
        home = install_home_page()
        install_sections(home)
        install_roles(home)


def needs_install():
    from broadsheet.home.models import HomePage

    return not HomePage.objects.exists()


def install_home_page():
    from broadsheet.home.models import HomePage

    root = Page.get_first_root_node() or create_root_page()
    # Wagtail's migrations leave a "Welcome to your new Wagtail site!" page.
    welcome = Page.objects.filter(depth=2, slug="home").first()
    if welcome is not None and welcome.specific_class is Page:
        welcome.delete()
        root.refresh_from_db()
    home = root.add_child(instance=HomePage(title=settings.SITE_NAME, slug="home"))
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(
            hostname="localhost",
            port=80,
            root_page=home,
            is_default_site=True,
            site_name=settings.SITE_NAME,
        )
    else:
        site.root_page = home
        site.site_name = settings.SITE_NAME
        site.save()
    return home


def create_root_page():
    """Wagtail's migrations make the tree's root; a database flush removes it."""
    from django.contrib.contenttypes.models import ContentType
    from wagtail.coreutils import get_supported_content_language_variant

    Locale.objects.get_or_create(
        language_code=get_supported_content_language_variant(settings.LANGUAGE_CODE)
    )
    return Page.add_root(
        instance=Page(
            title="Root",
            slug="root",
            content_type=ContentType.objects.get_for_model(Page),
        )
    )


def install_sections(home):
    from broadsheet.news.models import SectionPage

    for title, slug in SECTIONS:
        home.add_child(instance=SectionPage(title=title, slug=slug))


def permission(dotted):
    app_label, codename = dotted.split(".")
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def install_roles(home):
    for name in (AUTHORS, EDITORS, ADMINISTRATORS):
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(*[permission(p) for p in MODEL_PERMISSIONS[name]])
        for page_permission in PAGE_PERMISSIONS[name]:
            GroupPagePermission.objects.get_or_create(
                group=group,
                page=home,
                permission=permission(f"wagtailcore.{page_permission}_page"),
            )
        root_collection = Collection.get_first_root_node() or Collection.add_root(
            name="Root"
        )
        for codename in IMAGE_PERMISSIONS[name]:
            GroupCollectionPermission.objects.get_or_create(
                group=group,
                collection=root_collection,
                permission=permission(f"wagtailimages.{codename}"),
            )
    hold_every_role(Group, GroupPagePermission, GroupCollectionPermission)
    # Authors submit stories for review; editors (not Wagtail's stock
    # "Moderators") approve them.
    editors = Group.objects.get(name=EDITORS)
    task = GroupApprovalTask.objects.filter(name="Moderators approval").first()
    if task is not None and not task.groups.filter(name=EDITORS).exists():
        task.groups.set([editors])
        task.name = "Editors' review"
        task.save()
    elif task is None and not GroupApprovalTask.objects.exists():
        # Wagtail's data migration made the stock workflow; a database that
        # was flushed (not migrated afresh) has none, and authors' "Submit
        # for review" would then save a draft that nobody is asked to review.
        task = GroupApprovalTask.objects.create(name="Editors' review")
        task.groups.set([editors])
        workflow = Workflow.objects.create(name="Editors' review")
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
        WorkflowPage.objects.create(workflow=workflow, page=home)


def hold_every_role(group_model, page_permission_model, collection_permission_model):
    """Administrators hold every right of the roles below them (including
    those Wagtail's own first migration gave its "Editors" group: documents,
    and adding and editing pages from the tree's root), so that they may give
    those roles: an administrator can never give more than they hold (see
    broadsheet/accounts/rights.py). Only adds; takes the models as arguments
    so that a data migration can call it with its historical ones."""
    administrators = group_model.objects.filter(name=ADMINISTRATORS).first()
    if administrators is None:
        return
    for lower in group_model.objects.filter(name__in=[AUTHORS, EDITORS]):
        administrators.permissions.add(*lower.permissions.all())
        for model, node in (
            (page_permission_model, "page_id"),
            (collection_permission_model, "collection_id"),
        ):
            for granted in model.objects.filter(group=lower):
                model.objects.get_or_create(
                    group=administrators,
                    permission_id=granted.permission_id,
                    **{node: getattr(granted, node)},
                )
