"""The demo loads the five seed reports exactly as figures.json reads them: nothing missing, nothing extra."""

from decimal import Decimal

import pytest
from django.core.management import call_command

from reports import demo
from reports.models import AwardTally, Conference, IndicatorValue, SourceDocument

pytestmark = pytest.mark.django_db


def _figures_json():
    return demo.read_figures()


def _expected_figures():
    rows = set()
    for report in _figures_json()["reports"]:
        for f in report["figures"]:
            rows.add(
                (
                    report["file"],
                    f["indicator"],
                    f.get("breakdown", ""),
                    Decimal(str(f["value"])),
                    Decimal(str(f["out_of"])) if f.get("out_of") is not None else None,
                    f["qualifier"],
                    demo.vietnamese_period(f.get("period_label", "")),  # "school year …" → "năm học …"
                    f.get("excerpt", ""),
                    f.get("note", ""),
                )
            )
    return rows


def _expected_tallies():
    rows = set()
    for report in _figures_json()["reports"]:
        for t in report["award_tallies"]:
            rows.add(
                (
                    report["file"],
                    t["issuer"],
                    t["form"],
                    t["recipient_kind"],
                    t["count"],
                    t["qualifier"],
                    t.get("note", ""),
                )
            )
    return rows


def _file_of(conference):
    for report in _figures_json()["reports"]:
        if demo.REPORTS[report["file"]]["title"] == conference.title:
            return report["file"]
    raise AssertionError(conference.title)


def test_demo_matches_figures_json_exactly(hierarchy):
    demo.load()
    conferences = {c.pk: _file_of(c) for c in Conference.objects.all()}
    assert len(conferences) == 5
    actual_figures = {
        (
            conferences[f.conference_id],
            f.indicator.code,
            f.breakdown,
            f.value,
            f.out_of,
            f.qualifier,
            f.period_label,
            f.source_excerpt,
            f.note,
        )
        for f in IndicatorValue.objects.select_related("indicator")
    }
    assert IndicatorValue.objects.count() == len(_expected_figures())
    assert actual_figures == _expected_figures()
    actual_tallies = {
        (conferences[t.conference_id], t.issuer.code, t.form.code, t.recipient_kind, t.count, t.qualifier, t.note)
        for t in AwardTally.objects.select_related("issuer", "form")
    }
    assert AwardTally.objects.count() == len(_expected_tallies())
    assert actual_tallies == _expected_tallies()


def test_demo_conferences_are_published_with_their_area_period_and_source(hierarchy):
    demo.load()
    by_file = {_file_of(c): c for c in Conference.objects.select_related("area", "programme")}
    for report in _figures_json()["reports"]:
        conference = by_file[report["file"]]
        assert conference.status == Conference.Status.PUBLISHED
        assert conference.published_at is not None
        area = report["area"]
        assert (conference.area.generation, conference.area.level, conference.area.code) == (
            area["generation"],
            area["level"],
            area["code"],
        )
        assert conference.programme.code == report["programme"]
        assert conference.kind == report["kind"]
        assert conference.period_start.isoformat() == report["period"]["start"]
        assert conference.period_end.isoformat() == report["period"]["end"]
        assert conference.period_label == report["period"]["label"]
        assert conference.chaired_by_lines == report.get("chaired_by", [])
        document = conference.source_documents.get()
        assert document.full_text == (demo.seeds_dir() / report["file"]).read_text(encoding="utf-8")
    thanh_phu = by_file["001_b14d02dd87ce424d.txt"]
    assert thanh_phu.area.name == "Huyện Thạnh Phú" and thanh_phu.area.parent.code == "83"
    assert thanh_phu.held_on.isoformat() == "2019-07-09" and thanh_phu.is_date_from_publication
    vinh_phuc = by_file["002_595d6b5cfb023368.txt"]
    assert vinh_phuc.held_on is None and vinh_phuc.note
    assert by_file["000_9199a35bdaf8f0b8.txt"].held_on.isoformat() == "2019-09-11"
    assert by_file["004_77dda0422fd43749.txt"].scope_note.startswith("khối cơ quan")


def test_load_demo_is_idempotent(hierarchy):
    call_command("load_demo", verbosity=0)
    counts = (Conference.objects.count(), IndicatorValue.objects.count(), AwardTally.objects.count())
    counts += (SourceDocument.objects.count(),)
    assert demo.load() == {"conferences": 0, "figures": 0, "tallies": 0}
    call_command("load_demo", verbosity=0)
    again = (Conference.objects.count(), IndicatorValue.objects.count(), AwardTally.objects.count())
    assert again + (SourceDocument.objects.count(),) == counts
    assert counts[0] == 5


def test_missing_seed_folder_is_reported_and_skipped(hierarchy, tmp_path, monkeypatch):
    monkeypatch.setenv("SEEDS_DIR", str(tmp_path / "nowhere"))

    class Out:
        text = ""

        def write(self, message):
            self.text += message

    out = Out()
    assert demo.load(stdout=out) == {"conferences": 0, "figures": 0, "tallies": 0}
    assert "nowhere" in out.text and "Skipped" in out.text
    assert not Conference.objects.exists()
