"""Extraction: propose the figures of a report text (reads only), and turn the proposals a person confirmed
into a draft conference through the reports services (all or nothing)."""

import datetime
import re

from django.db import transaction
from django.utils.translation import gettext as _

from extraction.catalogue import catalogue_from_db
from extraction.engine import Extraction, extract
from movement import audit
from movement.access import Capability, has_any_capability
from movement.errors import ApplicationError, PermissionDeniedError
from movement.models import AdministrativeUnit, AuditEvent
from reports import services as report_services
from reports.models import Conference

MAX_TEXT_CHARS = 200_000
# No figure of a report has more digits in a row than this (the largest counts have 7–9; tax codes 10–14): a
# longer run is not a report's text (issue 12: 199,000 digits once reached Python's int limit) and is refused.
MAX_DIGIT_RUN = 40
_DIGIT_RUN = re.compile(rf"\d{{{MAX_DIGIT_RUN + 1},}}")


def check_text(text: str) -> str:
    text = (text or "").replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        message = _("Paste the text of the report, or upload it as a .txt or .docx file.")
        raise ApplicationError(message, field_errors={"text": [message]})
    if len(text) > MAX_TEXT_CHARS:
        message = _("The text is too long: at most %(limit)s characters (this one has %(size)s).") % {
            "limit": f"{MAX_TEXT_CHARS:,}".replace(",", "."),
            "size": f"{len(text):,}".replace(",", "."),
        }
        raise ApplicationError(message, field_errors={"text": [message]})
    if run := _DIGIT_RUN.search(text):
        length = len(run.group()) + len(re.match(r"\d*", text[run.end() :]).group())
        message = _(
            "The text has %(size)s digits in a row (at most %(limit)s): that is not a figure of a report. "
            "Check that the right text was pasted."
        ) % {"size": f"{length:,}".replace(",", "."), "limit": MAX_DIGIT_RUN}
        raise ApplicationError(message, field_errors={"text": [message]})
    return text


def extraction_propose(*, actor, text: str, reference_date: datetime.date | None = None) -> Extraction:
    """The proposals for a report text. Nothing is saved. Needs the right to enter conference reports
    somewhere (403 otherwise)."""
    if not has_any_capability(actor=actor, capability=Capability.CONFERENCES_EDIT):
        raise PermissionDeniedError(Capability.CONFERENCES_EDIT)
    text = check_text(text)
    return extract(text, catalogue_from_db(), reference_date=reference_date)


@transaction.atomic
def extraction_confirm(
    *,
    actor,
    text: str,
    area: AdministrativeUnit,
    programme,
    kind: str,
    title: str,
    figures: list[dict],
    tallies: list[dict],
    source_title: str = "",
    source_published_on: datetime.date | None = None,
    counts: dict | None = None,
    **conference_data,
) -> Conference:
    """Create the DRAFT conference with the figures and tallies a person accepted or corrected, and the text
    as its source document. The reports service checks the capability on the area and audits every row;
    this adds one event that says how the proposals were decided (counts: accepted / corrected / rejected)."""
    text = check_text(text)
    conference = report_services.conference_create(
        actor=actor,
        programme=programme,
        kind=kind,
        title=title,
        area=area,
        figures=figures,
        tallies=tallies,
        source_documents=[
            {
                "title": (source_title or title)[:400],
                "published_on": source_published_on,
                "full_text": text,
            }
        ],
        **conference_data,
    )
    counts = counts or {}
    audit.record(
        actor=actor,
        action=AuditEvent.Action.CREATE,
        verb="extraction_confirm",
        instance=conference,
        area=conference.area,
        after={"figures": len(figures), "tallies": len(tallies), **counts},
        note=_("Draft created from the figures proposed by the extractor and confirmed by a person."),
    )
    return conference
