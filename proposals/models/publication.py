"""Publication (公开): which cases the public may read, and the public pages that show them.

A case is public only while it has a standing Publication row; the public pages read nothing else,
so an unpublished case is unreachable even by a guessed URL. What a page shows is chosen field by
field (title, category, proposers' names, the body, sent replies' text): contact details, identity
data and private files never leave the database.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Page

from .proposal import Proposal


class Publication(models.Model):
    """The secretariat's decision to publish one case (with the proposer's consent), or to take it down."""

    proposal = models.ForeignKey(Proposal, verbose_name=_("case"), on_delete=models.PROTECT, related_name="publications")
    published_at = models.DateTimeField(_("published at"))
    published_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("published by"), null=True, on_delete=models.SET_NULL, related_name="+")
    include_replies = models.BooleanField(_("publish the replies"), default=True)
    withdrawn_at = models.DateTimeField(_("taken down at"), null=True, blank=True)
    withdrawn_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("taken down by"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    reason = models.TextField(_("reason"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("publication")
        verbose_name_plural = _("publications")
        ordering = ["-published_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["proposal"], condition=Q(withdrawn_at__isnull=True), name="publication_one_standing"),
        ]

    def __str__(self):
        return str(self.proposal)


class ProposalIndexPage(RoutablePageMixin, Page):
    """The public list of published cases (search and filters) and, under it, each case's page."""

    intro = RichTextField(_("introduction"), blank=True)
    committee = models.ForeignKey(
        "members.Committee", verbose_name=_("committee"), null=True, blank=True, on_delete=models.PROTECT, related_name="+",
        help_text=_("The committee whose published cases this page lists; empty: every committee of this deployment."),
    )

    content_panels = Page.content_panels + [FieldPanel("committee"), FieldPanel("intro")]
    parent_page_types = ["cppcc.HomePage"]
    subpage_types = []
    template = "proposals/public/index.html"

    class Meta:
        verbose_name = _("published proposals")

    # The routes only parse the URL; proposals.public decides what the public may read.
    @path("")
    def index_route(self, request):
        from proposals import public

        return self.render(request, context_overrides=public.index_context(request, self))

    @path("case/<int:pk>/", name="case")
    def case_route(self, request, pk):
        from proposals import public

        return self.render(request, template="proposals/public/case.html",
                           context_overrides=public.case_detail_context(pk, committee_id=self.committee_id))


class PaperTemplate(models.Model):
    """A Word template the office uploaded to replace the built-in one for a printed form."""

    class Kind(models.TextChoices):
        PROPOSAL_FORM = "proposal_form", _("Proposal form (提案单)")
        CASE_LIST = "case_list", _("List of cases (提案目录)")
        UNIT_LIST = "unit_list", _("A unit's assignment list (交办清单)")
        EVALUATION_FORM = "evaluation_form", _("Evaluation form (征询意见表)")

    committee = models.ForeignKey("members.Committee", verbose_name=_("committee"), on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("form"), max_length=20, choices=Kind.choices)
    file = models.ForeignKey("cppcc.PrivateFile", verbose_name=_("Word template (.docx)"), on_delete=models.PROTECT, related_name="+")
    note = models.CharField(_("note"), max_length=200, blank=True)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("uploaded by"), null=True, on_delete=models.SET_NULL, related_name="+")
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("paper form template")
        verbose_name_plural = _("paper form templates")
        ordering = ["committee", "kind"]
        constraints = [models.UniqueConstraint(fields=["committee", "kind"], name="papertemplate_one_per_kind")]

    def __str__(self):
        return self.get_kind_display()
