"""The live desk in the admin: a blog's entries with a short form for a new
one, editing and deleting entries, and breaking one out into a story. For
anyone who may edit the blog's page; no page revision is made."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.views.decorators.http import require_POST

from broadsheet.live.breakout import break_out
from broadsheet.live.forms import entry_form
from broadsheet.live.models import LiveBlogPage, LiveEntry

ENTRIES_SHOWN = 50


def editable_blog(request, page_id) -> LiveBlogPage:
    blog = get_object_or_404(LiveBlogPage, pk=page_id)
    if not blog.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    return blog


def blog_entry(blog, entry_id) -> LiveEntry:
    return get_object_or_404(blog.entries.shown(), pk=entry_id)


def new_entry(blog, user) -> LiveEntry:
    return LiveEntry(
        blog=blog,
        created_by=user,
        author=getattr(user, "author_profile", None),
    )


def entries(request, page_id):
    """The blog's entries, newest first, under the form for a new one."""
    blog = editable_blog(request, page_id)
    entry = new_entry(blog, request.user)
    form, panel = entry_form(request, entry)
    if request.method == "POST" and form.is_valid():
        entry = form.save(commit=False)
        entry.blog, entry.created_by = blog, request.user
        entry.save()
        messages.success(request, "Entry posted: readers see it within seconds.")
        return redirect("live_admin:entries", blog.pk)
    return TemplateResponse(
        request,
        "live/admin/entries.html",
        {
            "blog": blog,
            "form": form,
            "panel": panel,
            "media": form.media + panel.media,
            "entries": blog.entries.shown()
            .for_display()
            .in_reading_order()[:ENTRIES_SHOWN],
            "total": blog.entries.shown().count(),
        },
    )


def edit(request, page_id, entry_id):
    blog = editable_blog(request, page_id)
    entry = blog_entry(blog, entry_id)
    form, panel = entry_form(request, entry)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, "Entry updated on readers' pages.")
        return redirect("live_admin:entries", blog.pk)
    return TemplateResponse(
        request,
        "live/admin/edit.html",
        {
            "blog": blog,
            "entry": entry,
            "form": form,
            "panel": panel,
            "media": form.media + panel.media,
        },
    )


def delete(request, page_id, entry_id):
    blog = editable_blog(request, page_id)
    entry = blog_entry(blog, entry_id)
    if request.method == "POST":
        entry.deleted = True
        entry.save()
        messages.success(request, "Entry deleted; open pages drop it too.")
        return redirect("live_admin:entries", blog.pk)
    return TemplateResponse(
        request, "live/admin/delete.html", {"blog": blog, "entry": entry}
    )


@require_POST
def breakout(request, page_id, entry_id):
    blog = editable_blog(request, page_id)
    entry = blog_entry(blog, entry_id)
    if (
        not blog.section
        or not blog.section.permissions_for_user(request.user).can_add_subpage()
    ):
        raise PermissionDenied
    if entry.story_id:
        return redirect("wagtailadmin_pages:edit", entry.story_id)
    with transaction.atomic():
        story = break_out(entry, request.user)
    messages.success(
        request,
        "A draft story was made from the entry; the entry links to it once "
        "it is published.",
    )
    return redirect(reverse("wagtailadmin_pages:edit", args=[story.pk]))
