"""The in-site inbox: my messages, newest first; opening one marks it read and follows its link.

Only the recipient sees a message (anyone else gets 404). A message links to what it is about: its
stored URL, else a rule the source's app registers (`register_link`, so a notice about a reply can
open the proposal page for the proposer and another page for the unit), else the source's own
get_absolute_url().
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _, ngettext
from django.views.decorators.http import require_POST

from cppcc.inbox import mark_read
from cppcc.models import Message

PER_PAGE = 30
_link_rules = {}


def register_link(model):
    """Decorator: `fn(source, user) -> url or ""` says where a message about a `model` row leads `user`."""

    def wrap(fn):
        _link_rules[model._meta.label_lower] = fn
        return fn

    return wrap


def link_for(message, user) -> str:
    if message.url:
        return message.url
    source = message.source
    if source is None:
        return ""
    rule = _link_rules.get(source._meta.label_lower)
    url = rule(source, user) if rule is not None else ""
    return url or message.link


@login_required
def message_list(request):
    qs = Message.objects.filter(recipient=request.user).order_by("-created_at", "-pk")
    page = Paginator(qs, PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "cppcc/inbox/list.html", {"page": page, "inbox_messages": page.object_list})


@login_required
def message_detail(request, pk):
    """Open a message: it is marked read; with ?go=1 it leads straight to what it is about."""
    message = get_object_or_404(Message.objects.select_related("source_type"), pk=pk, recipient=request.user)
    if message.read_at is None:
        mark_read(user=request.user, ids=[message.pk])
    link = link_for(message, request.user)
    if link and not url_has_allowed_host_and_scheme(link, allowed_hosts={request.get_host()}):
        link = ""
    if link and request.GET.get("go") == "1":
        return redirect(link)
    return render(request, "cppcc/inbox/detail.html", {"message": message, "link": link})


@login_required
@require_POST
def mark_all_read(request):
    count = mark_read(user=request.user)
    if count:
        messages.success(request, ngettext("%(n)d message marked read.", "%(n)d messages marked read.", count) % {"n": count})
    else:
        messages.info(request, _("No unread messages."))
    return redirect("inbox:index")
