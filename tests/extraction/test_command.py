"""manage.py extract_figures FILE prints the proposals as JSON."""

import json
from io import StringIO

import docx
import pytest
from django.core.management import CommandError, call_command

pytestmark = pytest.mark.django_db


def _run(*args) -> dict:
    out = StringIO()
    call_command("extract_figures", *args, stdout=out)
    return json.loads(out.getvalue())


def test_command_reads_a_text_file(tmp_path, samples):
    report, text = samples[2]
    path = tmp_path / "report.txt"
    path.write_text(text, encoding="utf-8")
    body = _run(str(path))
    assert [f["indicator"] for f in body["figures"]][:2] == [
        "community_conferences",
        "community_conference_participants",
    ]
    assert len(body["figures"]) == len(report["figures"]) and len(body["tallies"]) == len(report["award_tallies"])
    assert body["conference"]["held_on"] == "2021-01-15"


def test_command_prints_utf8_without_escapes(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("Tổ chức 12 buổi tuyên truyền.", encoding="utf-8")
    out = StringIO()
    call_command("extract_figures", str(path), "--compact", stdout=out)
    assert "buổi tuyên truyền" in out.getvalue() and "\\u" not in out.getvalue()


def test_command_reads_a_word_file_with_a_reference_date(tmp_path):
    document = docx.Document()
    document.add_paragraph("Sáng 20-12, UBND huyện tổ chức hội nghị tổng kết năm 2023.")
    document.add_paragraph("Nhân dân cung cấp gần 900 tin, trong đó có 312 tin có giá trị.")
    path = tmp_path / "report.docx"
    document.save(path)
    body = _run(str(path), "--reference-date", "2023-06-30")
    assert [(f["indicator"], f["value"], f["qualifier"]) for f in body["figures"]] == [
        ("tips_provided", 900, "nearly"),
        ("valuable_tips", 312, "exact"),
    ]
    assert body["conference"]["held_on"] == "2022-12-20"


def test_command_refuses_a_missing_file_or_another_format(tmp_path):
    with pytest.raises(CommandError):
        call_command("extract_figures", str(tmp_path / "none.txt"), stdout=StringIO())
    other = tmp_path / "report.pdf"
    other.write_bytes(b"%PDF-1.4")
    with pytest.raises(CommandError, match=r"\.txt \S+ \.docx"):
        call_command("extract_figures", str(other), stdout=StringIO())
