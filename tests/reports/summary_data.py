"""Builders for the dashboard tests: published conferences made through the reports service."""

import datetime
import itertools

from movement.models import AdministrativeUnit as AU
from reports import services

_titles = itertools.count(1)


def legacy(code: str, level: str = "province") -> AU:
    return AU.objects.select_related("parent", "current_province").get(generation="legacy", level=level, code=code)


def current(code: str) -> AU:
    return AU.objects.select_related("parent", "current_province").get(generation="2025", level="province", code=code)


def publish(
    area: AU,
    *,
    figures=(),
    tallies=(),
    programme: str = "CT07-2014",
    period=(datetime.date(2014, 8, 15), datetime.date(2019, 8, 15), "2014-2019"),
    held_on=datetime.date(2019, 9, 1),
    kind: str = "interim_review",
    title: str | None = None,
):
    """A published conference of `area` with these figures and tallies (dicts as the service takes them)."""
    start, end, label = period
    return services.conference_import_published(
        data={
            "programme": programme,
            "kind": kind,
            "title": title or f"Hội nghị thử {next(_titles)} – {area.name}",
            "area": area,
            "held_on": held_on,
            "period_start": start,
            "period_end": end,
            "period_label": label,
        },
        figures=list(figures),
        tallies=list(tallies),
        source_documents=[{"title": f"Bài báo về {area.name}", "full_text": "…"}],
        published_on=held_on,
    )


def figure(indicator: str, value, *, qualifier="exact", out_of=None, breakdown="", excerpt=""):
    return {
        "indicator": indicator,
        "value": value,
        "qualifier": qualifier,
        "out_of": out_of,
        "breakdown": breakdown,
        "source_excerpt": excerpt,
    }


def tally(count, *, form="certificate_of_merit", kind="collective", issuer="provincial_chair", qualifier="exact"):
    return {"issuer": issuer, "form": form, "recipient_kind": kind, "count": count, "qualifier": qualifier}


YEAR_2020 = (datetime.date(2020, 1, 1), datetime.date(2020, 12, 31), "2020")
