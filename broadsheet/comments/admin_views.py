"""The moderation queue in Wagtail's admin: comments by status, filtered by
story; approve, mark spam, remove, restore, forget a commenter, one at a
time or ticked in bulk; reply as the newsroom."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from broadsheet.comments import moderation
from broadsheet.comments.forms import StaffReplyForm
from broadsheet.comments.models import Comment, Status
from broadsheet.news.models import ArticlePage

PERMISSION = "comments.change_comment"
QUEUE_PAGE_SIZE = 50
DONE = {
    "approve": "approved",
    "spam": "marked as spam",
    "remove": "removed",
    "restore": "returned to the queue",
}


def check_permission(request):
    if not request.user.has_perm(PERMISSION):
        raise PermissionDenied


def queue(request):
    check_permission(request)
    status = request.GET.get("status", Status.PENDING)
    if status not in Status.values:
        status = Status.PENDING
    comments = (
        Comment.objects.filter(status=status)
        .select_related("article", "parent")
        .order_by("-created_at", "-pk")
    )
    article = None
    if request.GET.get("article", "").isdigit():
        article = ArticlePage.objects.filter(pk=request.GET["article"]).first()
        if article is not None:
            comments = comments.filter(article=article)
    page = Paginator(comments, QUEUE_PAGE_SIZE).get_page(request.GET.get("p"))
    counts = {s: Comment.objects.filter(status=s).count() for s in Status.values}
    return TemplateResponse(
        request,
        "comments/admin/queue.html",
        {
            "page_title": "Reader comments",
            "header_icon": "comment",
            "status": status,
            "statuses": [(s, label, counts[s]) for s, label in Status.choices],
            "page": page,
            "article": article,
            "actions": DONE,
            "back": request.get_full_path(),
        },
    )


def back_to_queue(request):
    back = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(back, {request.get_host()}):
        return redirect(back)
    return redirect("comments_admin:queue")


@require_POST
def act(request):
    """One action on the ticked comments (or the one whose button was used)."""
    check_permission(request)
    action = request.POST.get("action", "")
    ids = [pk for pk in request.POST.getlist("ids") if pk.isdigit()]
    if ":" in request.POST.get("single", ""):  # a row's own button
        action, pk = request.POST["single"].split(":", 1)
        ids = [pk] if pk.isdigit() else []
    chosen = Comment.objects.filter(pk__in=ids)
    if action == "forget":
        emails = set(chosen.exclude(email="").values_list("email", flat=True))
        count = sum(moderation.forget(email) for email in emails)
        messages.success(request, f"Deleted {count} comments by {len(emails)} people.")
    elif action in DONE:
        count = moderation.moderate(chosen, action, request.user)
        noun = "comment" if count == 1 else "comments"
        messages.success(request, f"{count} {noun} {DONE[action]}.")
    else:
        messages.error(request, "Choose an action.")
    return back_to_queue(request)


@require_POST
def forget_email(request):
    check_permission(request)
    email = request.POST.get("email", "").strip()
    count = moderation.forget(email)
    messages.success(request, f"Deleted {count} comment{'s' * (count != 1)}.")
    return back_to_queue(request)


def reply(request, pk):
    check_permission(request)
    comment = get_object_or_404(Comment.objects.select_related("article"), pk=pk)
    form = StaffReplyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        moderation.reply_as_staff(comment, request.user, form.cleaned_data["body"])
        messages.success(request, "Your reply is published.")
        return redirect(reverse("comments_admin:queue") + "?status=approved")
    return TemplateResponse(
        request,
        "comments/admin/reply.html",
        {
            "page_title": "Reply as the newsroom",
            "header_icon": "comment",
            "comment": comment,
            "form": form,
        },
    )
