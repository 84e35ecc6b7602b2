"""Demo data of this app: five published conference reports, kept in the project as data it owns
(`reports/demo_data/reports.json`): each conference's facts, every figure and award tally as printed, and
its source as a citation with a summary we wrote (the articles' texts are not part of the project).

The figures were read by hand from five real published reports; `tests/reports/test_demo.py` checks the file
against those reference answers where the test machine has them (tests/seeds.py), and checks the loaded demo
against the file everywhere. Idempotent: a conference is found by area,
programme and title before anything is created."""

import datetime
import json
from pathlib import Path

from movement.models import AdministrativeUnit as AU
from reports import services
from reports.models import Conference

DEMO_FILE = Path(__file__).resolve().parent / "demo_data" / "reports.json"


def read_demo(path: Path = DEMO_FILE) -> dict:
    """The project's own demo reports (see the module docstring)."""
    with open(path, encoding="utf-8") as handle:
        return json.load(handle)


def area_of(spec: dict) -> AU:
    """The administrative unit a seed report was recorded against (generation + level + code)."""
    area = AU.objects.select_related("parent").get(
        generation=spec["generation"], level=spec["level"], code=spec["code"]
    )
    if spec.get("province_code"):
        province = area
        while province.parent_id:
            province = province.parent
        if province.code != spec["province_code"]:
            raise ValueError(f"{spec['name']}: {area} is not in province {spec['province_code']}")
    return area


def _date(value):
    return datetime.date.fromisoformat(value) if value else None


def conference_data(report: dict, *, title: str, note: str = "") -> dict:
    held_on = _date(report.get("held_on"))
    from_publication = False
    if held_on is None and report.get("published_on"):
        held_on, from_publication = _date(report["published_on"]), True
    if held_on is None and not note:
        note = "Báo cáo không ghi ngày tổ chức hội nghị."
    period = report.get("period") or {}
    return {
        "programme": report["programme"],
        "kind": report["kind"],
        "title": title,
        "area": area_of(report["area"]),
        "organiser": report.get("organiser", ""),
        "held_on": held_on,
        "is_date_from_publication": from_publication,
        "period_start": _date(period.get("start")),
        "period_end": _date(period.get("end")),
        "period_label": period.get("label", ""),
        "chaired_by": "\n".join(report.get("chaired_by", [])),
        "scope_note": report.get("scope_note", ""),
        "note": note,
    }


def figure_data(item: dict) -> dict:
    return {
        "indicator": item["indicator"],
        "breakdown": item.get("breakdown", ""),
        "value": item["value"],
        "out_of": item.get("out_of"),
        "qualifier": item.get("qualifier") or "exact",
        "period_label": item.get("period_label", ""),
        "source_excerpt": item.get("excerpt", ""),
        "note": item.get("note", ""),
    }


def tally_data(item: dict) -> dict:
    return {
        "issuer": item["issuer"],
        "form": item["form"],
        "recipient_kind": item["recipient_kind"],
        "count": item["count"],
        "qualifier": item.get("qualifier") or "exact",
        "source_excerpt": item.get("excerpt", ""),
        "note": item.get("note", ""),
    }


def source_data(report: dict) -> dict:
    source = report["source"]
    return {
        "title": source["title"],
        "publisher": source.get("publisher", ""),
        "author": source.get("author", ""),
        "published_on": _date(source.get("published_on")),
        "url": source.get("url", ""),
        "summary": source.get("summary", ""),
    }


def load(*, stdout=None, verbosity=1) -> dict:
    created = {"conferences": 0, "figures": 0, "tallies": 0}
    for report in read_demo()["reports"]:
        data = conference_data(report, title=report["title"], note=report.get("note", ""))
        if Conference.objects.filter(
            area=data["area"], programme__code=data["programme"], title=data["title"]
        ).exists():
            continue
        document = source_data(report)
        services.conference_import_published(
            data=data,
            figures=[figure_data(f) for f in report.get("figures", [])],
            tallies=[tally_data(t) for t in report.get("award_tallies", [])],
            source_documents=[document],
            published_on=document["published_on"] or data["held_on"],
        )
        created["conferences"] += 1
        created["figures"] += len(report.get("figures", []))
        created["tallies"] += len(report.get("award_tallies", []))
    if stdout is not None and verbosity:
        stdout.write(f"reports: {created}")
    return created
