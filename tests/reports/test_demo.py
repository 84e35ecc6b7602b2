"""The demo loads the project's own five reports (reports/demo_data/reports.json) exactly: nothing missing,
nothing extra, no article text; and that file agrees with the hand-read reference answers
(../shared/seeds/figures.json) wherever they are beside the project."""

from decimal import Decimal

import pytest
from django.core.management import call_command

from reports import demo
from reports.models import AwardTally, Conference, IndicatorValue, SourceDocument
from tests import seeds

pytestmark = pytest.mark.django_db


def _reports():
    return demo.read_demo()["reports"]


def _figure_rows(reports, *, key, with_wording=True):
    rows = set()
    for report in reports:
        for f in report["figures"]:
            row = (
                key(report),
                f["indicator"],
                f.get("breakdown", ""),
                Decimal(str(f["value"])),
                Decimal(str(f["out_of"])) if f.get("out_of") is not None else None,
                f["qualifier"],
                f.get("excerpt", ""),
            )
            rows.add(row + ((f.get("period_label", ""), f.get("note", "")) if with_wording else ()))
    return rows


def _tally_rows(reports, *, key, with_wording=True):
    rows = set()
    for report in reports:
        for t in report["award_tallies"]:
            row = (key(report), t["issuer"], t["form"], t["recipient_kind"], t["count"], t["qualifier"])
            rows.add(row + ((t.get("note", ""),) if with_wording else ()))
    return rows


def _key_of(conference):
    for report in _reports():
        if report["title"] == conference.title:
            return report["key"]
    raise AssertionError(conference.title)


def test_demo_matches_the_projects_demo_file_exactly(hierarchy):
    demo.load()
    conferences = {c.pk: _key_of(c) for c in Conference.objects.all()}
    assert len(conferences) == 5
    actual_figures = {
        (
            conferences[f.conference_id],
            f.indicator.code,
            f.breakdown,
            f.value,
            f.out_of,
            f.qualifier,
            f.source_excerpt,
            f.period_label,
            f.note,
        )
        for f in IndicatorValue.objects.select_related("indicator")
    }
    expected_figures = _figure_rows(_reports(), key=lambda r: r["key"])
    assert IndicatorValue.objects.count() == len(expected_figures) == 35
    assert actual_figures == expected_figures
    actual_tallies = {
        (conferences[t.conference_id], t.issuer.code, t.form.code, t.recipient_kind, t.count, t.qualifier, t.note)
        for t in AwardTally.objects.select_related("issuer", "form")
    }
    expected_tallies = _tally_rows(_reports(), key=lambda r: r["key"])
    assert AwardTally.objects.count() == len(expected_tallies) == 11
    assert actual_tallies == expected_tallies


def test_demo_conferences_are_published_with_their_area_period_and_cited_source(hierarchy):
    demo.load()
    by_key = {_key_of(c): c for c in Conference.objects.select_related("area", "programme")}
    for report in _reports():
        conference = by_key[report["key"]]
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
        source = report["source"]
        assert (document.title, document.publisher, document.author) == (
            source["title"],
            source["publisher"],
            source["author"],
        )
        # A citation and our own summary, never a copy of the article.
        assert len(document.summary) > 100 and document.full_text == ""
    thanh_phu = by_key["thanh-phu-ct07-2014-2019"]
    assert thanh_phu.area.name == "Huyện Thạnh Phú" and thanh_phu.area.parent.code == "83"
    assert thanh_phu.held_on.isoformat() == "2019-07-09" and thanh_phu.is_date_from_publication
    assert thanh_phu.source_documents.get().published_on.isoformat() == "2019-07-09"
    vinh_phuc = by_key["vinh-phuc-ct07-2014-2019"]
    assert vinh_phuc.held_on is None and vinh_phuc.note
    assert by_key["thanh-hoa-ct07-2014-2019"].held_on.isoformat() == "2019-09-11"
    assert by_key["ha-noi-khoi-co-quan-2017"].scope_note.startswith("khối cơ quan")


def test_demo_file_keeps_no_article_text():
    """The project cites its sources; the articles' texts stay outside it (no field holds a long text)."""
    for report in _reports():
        assert "full_text" not in report["source"]
        assert len(report["source"]["summary"]) < 1000
        assert all(len(f.get("excerpt", "")) < 200 for f in report["figures"])


def test_load_demo_is_idempotent(hierarchy):
    call_command("load_demo", verbosity=0)
    counts = (Conference.objects.count(), IndicatorValue.objects.count(), AwardTally.objects.count())
    counts += (SourceDocument.objects.count(),)
    assert demo.load() == {"conferences": 0, "figures": 0, "tallies": 0}
    call_command("load_demo", verbosity=0)
    again = (Conference.objects.count(), IndicatorValue.objects.count(), AwardTally.objects.count())
    assert again + (SourceDocument.objects.count(),) == counts
    assert counts[0] == 5


def test_demo_needs_nothing_outside_the_project(hierarchy, tmp_path, monkeypatch):
    """No seed folder beside the project (a fresh clone): the demo still loads all five reports."""
    monkeypatch.setenv("SEEDS_DIR", str(tmp_path / "nowhere"))
    assert demo.load() == {"conferences": 5, "figures": 35, "tallies": 11}


# The project's file against the hand-read reference answers (only where ../shared/seeds is present) ----------


@pytest.fixture
def figures_json():
    folder = seeds.seeds_dir()
    if not (folder / "figures.json").exists():
        pytest.skip(f"reference answers not present at {folder} (set SEEDS_DIR); CI has them")
    return seeds.read_figures(folder)


def test_demo_file_has_every_reference_figure_and_tally(figures_json):
    by_title = {r["title"]: r["key"] for r in _reports()}
    keys = {}
    for report in figures_json["reports"]:
        # The reference answers name a report by its file; the demo file by a key: match on area and period.
        matches = [
            r["key"]
            for r in _reports()
            if r["area"]["code"] == report["area"]["code"]
            and r["area"]["level"] == report["area"]["level"]
            and r["period"] == report["period"]
            and r["programme"] == report["programme"]
        ]
        assert len(matches) == 1, report["file"]
        keys[report["file"]] = matches[0]
    assert sorted(keys.values()) == sorted(by_title.values())
    assert _figure_rows(figures_json["reports"], key=lambda r: keys[r["file"]], with_wording=False) == _figure_rows(
        _reports(), key=lambda r: r["key"], with_wording=False
    )
    assert _tally_rows(figures_json["reports"], key=lambda r: keys[r["file"]], with_wording=False) == _tally_rows(
        _reports(), key=lambda r: r["key"], with_wording=False
    )
    for report in figures_json["reports"]:
        mine = next(r for r in _reports() if r["key"] == keys[report["file"]])
        for field in ("held_on", "organiser", "kind", "scope_note", "chaired_by"):
            assert mine.get(field) == report.get(field), (report["file"], field)
