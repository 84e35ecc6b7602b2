"""Pages that answer documents: ?format=docx|pdf on the public review, area and annual pages (a hook called
by reports.public_views), and the staff downloads (a report draft for an area and a period, a recognition
decision, an award decision). A request for nothing answers a readable 400/404 page, never an empty file."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from awards import selectors as award_selectors
from awards.models import AwardDecision, RecognitionDecision
from documents import generators
from documents.generators import FORMATS, NoDocument
from movement.throttling import check_rate
from reports.api.summary_serializers import AnnualQueryInputSerializer, ProgrammeReviewQueryInputSerializer

__all__ = ["FORMATS", "public_summary_document"]


def unavailable(request, message: str, status: int = 404):
    return render(request, "documents/unavailable.html", {"message": message}, status=status)


def _format(request) -> str | None:
    wanted = request.GET.get("format")
    return wanted if wanted in FORMATS else None


def _answer(request, make, file_format: str):
    refused = check_rate(request, "export")
    if refused is not None:
        return refused
    try:
        return generators.file_response(make(), file_format)
    except NoDocument as error:
        return unavailable(request, str(error))


def public_summary_document(request, summary, stem):
    """The public pages' ?format=docx|pdf (published data only: summaries read nothing else)."""
    return _answer(request, lambda: generators.report(summary, stem=stem), request.GET["format"])


def _bad_format(request):
    return unavailable(request, _("Choose the file format: format=docx or format=pdf."), status=400)


def _first_error(errors) -> str:
    for messages in errors.values():
        return f"{messages[0]}"
    return _("Invalid parameters.")


@login_required
@require_GET
def report_document(request):
    """A report draft for an area and a programme's review period (?programme=&period=) or a year (?year=)."""
    file_format = _format(request)
    if file_format is None:
        return _bad_format(request)
    if "year" in request.GET:
        query = AnnualQueryInputSerializer(data=request.GET)
        kind = "annual"
    elif "programme" in request.GET:
        query = ProgrammeReviewQueryInputSerializer(data=request.GET)
        kind = "programme_review"
    else:
        return unavailable(request, _("Name a programme and its period, or a year."), status=400)
    if not query.is_valid():
        return unavailable(request, _first_error(query.errors), status=400)

    def make():
        summary = generators.vietnamese_summary(kind=kind, **query.validated_data)
        return generators.report(summary)

    return _answer(request, make, file_format)


@login_required
@require_GET
def recognition_document(request, pk):
    file_format = _format(request)
    if file_format is None:
        return _bad_format(request)
    try:
        decision = award_selectors.recognition_decision_list(actor=request.user).get(pk=pk)
    except RecognitionDecision.DoesNotExist:
        raise Http404
    return _answer(request, lambda: generators.recognition(decision), file_format)


@login_required
@require_GET
def award_document(request, pk):
    file_format = _format(request)
    if file_format is None:
        return _bad_format(request)
    try:
        decision = award_selectors.award_decision_list(actor=request.user).get(pk=pk)
    except AwardDecision.DoesNotExist:
        raise Http404
    return _answer(request, lambda: generators.award(decision), file_format)
