"""The published content of a report, kept when it is published, and the corrections ("Đính chính").

`on_transition()` is the one call of reports.services._transition (in its transaction, before the summary
rows are refreshed):

- publish: the content the public now sees is stored (PublishedSnapshot); an open correction is closed
  with the list of what changed (figures, tallies, facts: before → after);
- reopen of a published report: a Correction is opened with the reason and the content as published. Until
  the report is published again, its public page shows that content with the notice "Báo cáo đang được
  điều chỉnh từ <ngày>: <lý do>", and the summary rows keep counting it (reports.rollups reads
  `held_back_figures()` / `held_back_tallies()`).
"""

import datetime
import decimal

from django.utils import timezone

from reports.models import AwardForm, AwardTally, Conference, Indicator, IndicatorValue, IssuingAuthority
from reports.services import CONFERENCE_FIELDS
from workday.models import Correction, PublishedSnapshot

FACT_FIELDS = [*CONFERENCE_FIELDS, "published_at"]  # the conference's facts as published
FIGURE_FIELDS = [
    "id",
    "indicator",
    "breakdown",
    "value",
    "out_of",
    "qualifier",
    "period_label",
    "source_excerpt",
    "note",
]
TALLY_FIELDS = ["id", "issuer", "form", "recipient_kind", "count", "qualifier", "source_excerpt", "note"]


def _json(value):
    if isinstance(value, datetime.datetime | datetime.date):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return str(value)
    return value


def _dump(instance, names) -> dict:
    result = {}
    for name in names:
        field = instance._meta.get_field(name)
        result[field.attname] = _json(field.value_from_object(instance))
    return result


def _load(model, data: dict, **extra):
    values = {}
    for field in model._meta.concrete_fields:
        if field.attname in data:
            raw = data[field.attname]
            values[field.attname] = field.to_python(raw) if raw is not None else None
    return model(**values, **extra)


def content(conference: Conference) -> dict:
    """The report as the public sees it: facts, figures and tallies (JSON)."""
    return {
        "facts": _dump(conference, FACT_FIELDS),
        "figures": [_dump(f, FIGURE_FIELDS) for f in conference.figures.order_by("id")],
        "tallies": [_dump(t, TALLY_FIELDS) for t in conference.tallies.order_by("id")],
    }


def on_transition(*, conference: Conference, from_status: str, to_status: str, actor, reason: str = "") -> None:
    published = Conference.Status.PUBLISHED
    now = timezone.now()
    if to_status == published:
        data = content(conference)
        PublishedSnapshot.objects.update_or_create(conference=conference, defaults={"taken_at": now, "data": data})
        for correction in Correction.objects.filter(conference=conference, closed_at__isnull=True):
            correction.closed_at = now
            correction.changes = changes(correction.before, data)
            correction.save(update_fields=["closed_at", "changes"])
    elif from_status == published:
        snapshot = PublishedSnapshot.objects.filter(conference=conference).first()
        before = snapshot.data if snapshot else content(conference)
        Correction.objects.create(
            conference=conference,
            opened_at=now,
            opened_by=actor if getattr(actor, "is_authenticated", False) else None,
            reason=reason,
            before=before,
        )


def open_correction(conference_id: int) -> Correction | None:
    return Correction.objects.filter(conference_id=conference_id, closed_at__isnull=True).first()


def public_conference(pk: int) -> Conference | None:
    """A report being corrected, as it was last published (unsaved figures and tallies in its prefetch
    cache, so `conference.figures.all()` gives them), with `open_correction`; None for any other report."""
    correction = (
        Correction.objects.filter(conference_id=pk, closed_at__isnull=True)
        .select_related("conference__programme", "conference__area__parent", "conference__area__current_province")
        .first()
    )
    if correction is None:
        return None
    conference = correction.conference
    before = correction.before
    facts = _load(Conference, before["facts"])
    for attname in before["facts"]:
        setattr(conference, attname, getattr(facts, attname))  # a changed foreign key drops its cached object
    indicators = Indicator.objects.in_bulk({row["indicator_id"] for row in before["figures"]})
    issuers = IssuingAuthority.objects.in_bulk({row["issuer_id"] for row in before["tallies"]})
    forms = AwardForm.objects.in_bulk({row["form_id"] for row in before["tallies"]})
    figures = []
    for row in before["figures"]:
        figure = _load(IndicatorValue, row, conference=conference)
        figure.indicator = indicators.get(row["indicator_id"])
        if figure.indicator is not None:
            figures.append(figure)
    tallies = []
    for row in before["tallies"]:
        tally = _load(AwardTally, row, conference=conference)
        tally.issuer, tally.form = issuers.get(row["issuer_id"]), forms.get(row["form_id"])
        if tally.issuer is not None and tally.form is not None:
            tallies.append(tally)
    conference._prefetched_objects_cache = {
        "figures": _as_queryset(IndicatorValue, figures),
        "tallies": _as_queryset(AwardTally, tallies),
    }
    conference.status = Conference.Status.PUBLISHED  # shown as published: the content is the published one
    conference.open_correction = correction
    return conference


def _as_queryset(model, rows):
    queryset = model.objects.none()
    queryset._result_cache = list(rows)
    queryset._prefetch_done = True
    return queryset


# Summary rows: the last published figures and tallies of the reports being corrected ----------------------------


def held_back_figures() -> list[dict]:
    """One dict per figure of every report being corrected, as last published, with the conference's
    published facts and its area's path (for reports.rollups)."""
    return _held_back("figures")


def held_back_tallies() -> list[dict]:
    return _held_back("tallies")


def _held_back(key: str) -> list[dict]:
    rows = []
    corrections = list(Correction.objects.filter(closed_at__isnull=True).values("conference_id", "before"))
    if not corrections:
        return rows
    from movement.models import AdministrativeUnit

    area_ids = {c["before"]["facts"].get("area_id") for c in corrections}
    areas = {
        pk: (path, current)
        for pk, path, current in AdministrativeUnit.objects.filter(pk__in=area_ids).values_list(
            "pk", "path", "current_province_id"
        )
    }
    for correction in corrections:
        facts = correction["before"]["facts"]
        if not facts.get("period_start") or not facts.get("period_end") or facts.get("area_id") not in areas:
            continue
        path, current = areas[facts["area_id"]]
        for row in correction["before"][key]:
            rows.append(
                {
                    **row,
                    "conference_id": correction["conference_id"],
                    "programme_id": facts["programme_id"],
                    "area_id": facts["area_id"],
                    "path": path,
                    "current_province_id": current,
                    "start": datetime.date.fromisoformat(facts["period_start"]),
                    "end": datetime.date.fromisoformat(facts["period_end"]),
                }
            )
    return rows


# What changed between two published versions ----------------------------------------------------------------


def _figure_key(row) -> tuple:
    return (row.get("indicator_id"), row.get("breakdown") or "", row.get("period_label") or "")


def _tally_key(row) -> tuple:
    return (row.get("issuer_id"), row.get("form_id"), row.get("recipient_kind"))


def changes(before: dict, after: dict) -> list[dict]:
    """[{"kind": "figure"|"tally"|"fact", "key": …, "before": {…}|None, "after": {…}|None}] of what differs."""
    result = []
    for name, value in after["facts"].items():
        if name != "published_at" and before["facts"].get(name) != value:
            result.append({"kind": "fact", "key": name, "before": before["facts"].get(name), "after": value})
    for kind, plural, key, fields in (
        ("figure", "figures", _figure_key, ("value", "out_of", "qualifier")),
        ("tally", "tallies", _tally_key, ("count", "qualifier")),
    ):
        old = {key(r): r for r in before[plural]}
        new = {key(r): r for r in after[plural]}
        for k in sorted(set(old) | set(new), key=str):
            o, n = old.get(k), new.get(k)
            if o and n and all(o.get(f) == n.get(f) for f in fields):
                continue
            result.append({"kind": kind, "key": list(k), "before": o, "after": n})
    return result


def published_corrections():
    return Correction.objects.select_related("conference__area", "conference__programme").order_by("-opened_at", "-id")
