"""One generator per kind of document: the report draft of a published summary, the recognition decision and
the award decision; each returns a Document (documents/content.py) that `render()` turns into .docx or PDF.

Documents are always written in Vietnamese (the state format): the summaries they read are built with
Vietnamese active, so their numbers read "hơn 10.000", "1.069/1.144 (93,4 %)". Empty or missing data is an
error (`NoDocument`), never an empty document."""

from __future__ import annotations

from django.http import HttpResponse
from django.utils import translation
from django.utils.translation import gettext as _

from documents import content, pdf, selectors, word
from movement.models import AdministrativeUnit
from reports import exports
from reports.summaries import Summary, annual_summary, programme_review_summary

FORMATS = ("docx", "pdf")
CONTENT_TYPES = {"docx": word.DOCX_TYPE, "pdf": pdf.PDF_TYPE}


class NoDocument(Exception):
    """There is nothing to put in the document (no published data, unknown record): 404."""


def vietnamese_summary(*, kind: str, programme=None, period=None, year=None, area=None, mode="current") -> Summary:
    with translation.override("vi"):
        if kind == "programme_review":
            return programme_review_summary(actor=None, programme=programme, period=period, area=area, mode=mode)
        return annual_summary(actor=None, year=year, area=area, mode=mode)


def _province_code(unit: AdministrativeUnit | None) -> str:
    """The path code of the unit's province ("N38"), which names a province's own template files."""
    return unit.path.split("/", 1)[0] if unit is not None else ""


def report(summary: Summary | None, *, stem: str = "") -> content.Document:
    if summary is None or not summary.conference_count:
        raise NoDocument(_("No published conference report covers this area and period: there is nothing to draft."))
    if (summary.figures and not summary.figures[0].amount.language.startswith("vi")) or (
        summary.awards and not summary.awards[0].amount.language.startswith("vi")
    ):
        summary = vietnamese_summary(
            kind=summary.kind,
            programme=summary.programme,
            period=summary.period,
            year=summary.year,
            area=_unit(summary),
            mode=summary.mode,
        )
    unit = _unit(summary)
    with translation.override("vi"):
        profile = selectors.document_profile(area=unit, kind="report")
        decisions, total = selectors.summary_award_decisions(summary=summary, area=unit, limit=content.DECISION_LIMIT)
        if not stem:
            what = (
                [summary.programme.code, summary.period.label] if summary.kind == "programme_review" else [summary.year]
            )
            stem = exports.file_stem(*what, unit.name if unit else "toan quoc", summary.mode.value)
        document = content.report_document(
            summary,
            profile=profile,
            decisions=decisions,
            decision_total=total,
            area_name=unit.name if unit else "",
            stem=f"bao-cao-{stem}",
        )
    document.area_code = _province_code(unit)
    return document


def _unit(summary: Summary) -> AdministrativeUnit | None:
    if summary.area is None or summary.area.id is None:
        return None
    return AdministrativeUnit.objects.select_related("parent__parent", "current_province").get(pk=summary.area.id)


def recognition(decision) -> content.Document:
    certifications = selectors.recognised_certifications(decision)
    if not certifications:
        raise NoDocument(_("This recognition decision recognises no unit: there is nothing to draft."))
    with translation.override("vi"):
        profile = selectors.document_profile(area=decision.area, kind="recognition")
        document = content.recognition_document(
            decision,
            certifications,
            profile=profile,
            stem=exports.file_stem("quyet-dinh-cong-nhan", decision.number),
        )
    document.area_code = _province_code(decision.area)
    return document


def award(decision) -> content.Document:
    if decision.status == "annulled":
        raise NoDocument(_("This award decision was annulled: no document is made for it."))
    with translation.override("vi"):
        profile = selectors.document_profile(area=decision.area, kind="award")
        document = content.award_document(
            decision, profile=profile, stem=exports.file_stem("quyet-dinh-khen-thuong", decision.number)
        )
    document.area_code = _province_code(decision.area)
    return document


def render(document: content.Document, file_format: str) -> bytes:
    with translation.override("vi"):
        return word.render(document) if file_format == "docx" else pdf.render(document)


def file_response(document: content.Document, file_format: str) -> HttpResponse:
    response = HttpResponse(render(document, file_format), content_type=CONTENT_TYPES[file_format])
    response["Content-Disposition"] = f'attachment; filename="{document.stem}.{file_format}"'
    response["Cache-Control"] = "private, no-store"
    return response
