"""Confirmation step of the transitions that change what the public sees (publish, reopen, issue, annul,
recognise, revoke): the transition's form posts here first; this page says what will change on the public
pages and posts the same fields to the transition when confirmed. Reopening and annulling need a reason."""

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import Resolver404, resolve
from django.utils.translation import gettext_lazy as _

from awards import selectors as awards_selectors
from reports import selectors as reports_selectors
from reports.models import Conference

REOPEN_PUBLISHED = _(
    "The report stays on the public site with the figures it was last published with and the notice "
    "“Report being corrected since <date>: <reason>” until it is published again; the public summaries keep "
    "counting those figures. The correction then appears on the public list of corrections (what changed, "
    "when, why)."
)
EFFECTS = {
    ("conference-transition", "publish"): (
        _("Publish the report"),
        _(
            "The report, its figures, award tallies and sources appear on its public page and are counted in the "
            "public summaries of its programme, area and years."
        ),
        False,
    ),
    ("conference-transition", "reopen"): (
        _("Reopen the report for changes"),
        _("The report goes back to draft so that it can be changed. Nothing changes on the public pages."),
        True,
    ),
    ("award-transition", "issue"): (
        _("Mark the award decision issued"),
        _(
            "The decision appears on the public list of award decisions with its recipients' names and titles, "
            "is counted in the public summaries, and can no longer be edited (only annulled)."
        ),
        False,
    ),
    ("award-transition", "annul"): (
        _("Annul the award decision"),
        _(
            "The decision stays on the public list, marked annulled with the date and the reason; its recipients "
            "are no longer counted in the public summaries."
        ),
        True,
    ),
    ("certification-transition", "recognise"): (
        _("Recognise the certification"),
        _("The unit is counted as recognised in the public summaries of its area and year."),
        False,
    ),
    ("certification-transition", "revoke"): (
        _("Revoke the recognition"),
        _("The unit is no longer counted as recognised in the public summaries; the reason is recorded."),
        True,
    ),
}


def resolve_target(request, target: str):
    """(title, effect, needs_reason, record) of a confirmable transition URL the user may see; 404 else."""
    try:
        match = resolve(target)
    except Resolver404:
        raise Http404
    key = (match.url_name, match.kwargs.get("name"))
    if key not in EFFECTS or not target.startswith("/staff/"):
        raise Http404
    title, effect, needs_reason = EFFECTS[key]
    pk = match.kwargs["pk"]
    if match.url_name == "conference-transition":
        record = get_object_or_404(reports_selectors.conference_list(actor=request.user), pk=pk)
        if key[1] == "reopen" and record.status == Conference.Status.PUBLISHED:
            effect = REOPEN_PUBLISHED
    elif match.url_name == "award-transition":
        record = get_object_or_404(awards_selectors.award_decision_list(actor=request.user), pk=pk)
    else:
        record = get_object_or_404(awards_selectors.certification_list(actor=request.user), pk=pk)
    return title, effect, needs_reason, record
