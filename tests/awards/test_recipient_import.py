"""Recipient import from CSV and XLSX: dry-run preview, per-row errors, all or nothing."""

import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from awards import services
from awards.imports import read_recipient_file
from awards.models import AwardDecision, AwardRecipient
from movement.errors import ApplicationError


@pytest.fixture
def decision(clerk, legacy_thanh_hoa, provincial_chair, certificate_of_merit):
    return services.award_decision_create(
        actor=clerk,
        area=legacy_thanh_hoa,
        number="100/QĐ-UBND",
        signed_on=datetime.date(2019, 9, 11),
        issuing_authority=provincial_chair,
        form=certificate_of_merit,
        achievement="Thành tích xuất sắc",
        recipients=[{"kind": "collective", "name_as_printed": "Đã có sẵn"}],
    )


def csv_file(text: str, *, bom=False, name="ds.csv"):
    data = text.encode("utf-8")
    return SimpleUploadedFile(name, (b"\xef\xbb\xbf" + data) if bom else data, content_type="text/csv")


def xlsx_file(rows, name="ds.xlsx"):
    workbook = Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile(name, buffer.getvalue())


GOOD_CSV = "name,kind,title,unit\nSở Tư pháp tỉnh Thanh Hóa,tập thể,,{unit}\nÔng Lê Văn B,cá nhân,Trưởng thôn,\nCông an xã,Collective,,\n"


def test_csv_with_bom_dry_run_previews_and_saves_nothing(api, clerk, decision, agency):
    response = api(clerk).post(
        f"/api/v1/award-decisions/{decision.pk}/import-recipients/",
        {"file": csv_file(GOOD_CSV.format(unit=agency.pk), bom=True)},
        format="multipart",
        HTTP_IF_MATCH=f'"v{AwardDecision.objects.get(pk=decision.pk).version}"',
    )
    assert response.status_code == 200, response.json()
    body = response.json()
    assert body["valid"] is True and body["dry_run"] is True and body["saved"] == 0
    assert [r["row"] for r in body["rows"]] == [2, 3, 4]
    assert body["rows"][0]["unit"] == {"id": agency.pk, "name": agency.name}
    assert [r["kind"] for r in body["rows"]] == ["collective", "individual", "collective"]
    assert decision.recipients.count() == 1


def test_commit_appends_every_row_in_order(api, clerk, decision, agency):
    response = api(clerk).post(
        f"/api/v1/award-decisions/{decision.pk}/import-recipients/",
        {"file": csv_file(GOOD_CSV.format(unit=agency.name)), "dry_run": "false"},
        format="multipart",
        HTTP_IF_MATCH=f'"v{AwardDecision.objects.get(pk=decision.pk).version}"',
    )
    assert response.status_code == 201, response.json()
    assert response.json()["saved"] == 3
    recipients = list(decision.recipients.order_by("order").values_list("order", "name_as_printed", "unit_id"))
    assert recipients == [
        (1, "Đã có sẵn", None),
        (2, "Sở Tư pháp tỉnh Thanh Hóa", agency.pk),
        (3, "Ông Lê Văn B", None),
        (4, "Công an xã", None),
    ]


def test_one_bad_row_saves_nothing_and_reports_the_row_and_reason(api, clerk, decision):
    text = "name,kind,title,unit\nTập thể A,tập thể,,\nTập thể B,nhóm,,\nTập thể C,tập thể,,\n"
    response = api(clerk).post(
        f"/api/v1/award-decisions/{decision.pk}/import-recipients/",
        {"file": csv_file(text), "dry_run": "false"},
        format="multipart",
        HTTP_IF_MATCH=f'"v{AwardDecision.objects.get(pk=decision.pk).version}"',
    )
    assert response.status_code == 400
    body = response.json()
    assert body["errors"] == [
        {"row": 3, "field": "kind", "message": body["errors"][0]["message"]},
    ]
    assert "nhóm" in body["errors"][0]["message"] and "tập thể" in body["errors"][0]["message"]
    assert "Dòng 3" in body["detail"] or "row 3" in body["detail"]
    assert AwardRecipient.objects.filter(decision=decision).count() == 1


def test_xlsx_import_with_vietnamese_headers_and_unit_errors(clerk, decision, agency, hn_agency):
    rows = read_recipient_file(
        xlsx_file(
            [
                ["Tên", "Loại", "Chức danh", "Đơn vị"],
                ["Sở Tư pháp", "tập thể", None, agency.name],
                [None, None, None, None],
                ["Ông C", "cá nhân", "Công an viên", hn_agency.pk],
                ["", "cá nhân", "", "Không tồn tại"],
            ]
        )
    )
    assert [r.row for r in rows] == [2, 4, 5]
    result = services.award_recipients_import(actor=clerk, decision=decision, rows=rows, dry_run=True)
    errors = {(e["row"], e["field"]) for e in result.errors}
    assert errors == {(4, "unit"), (5, "name"), (5, "unit")}
    with pytest.raises(ApplicationError):
        services.award_recipients_import(actor=clerk, decision=decision, rows=rows, dry_run=False)
    assert decision.recipients.count() == 1


def test_files_with_personal_data_columns_are_refused(clerk, decision):
    with pytest.raises(ApplicationError) as error:
        read_recipient_file(csv_file("name,kind,CCCD,Ngày sinh\nÔng A,cá nhân,012345678901,1/1/1970\n"))
    assert "CCCD" in str(error.value) and "file" in error.value.field_errors


def test_missing_columns_and_bad_encoding_are_explained(clerk):
    with pytest.raises(ApplicationError) as error:
        read_recipient_file(csv_file("title,unit\nx,y\n"))
    assert "kind" in str(error.value)
    with pytest.raises(ApplicationError):
        read_recipient_file(SimpleUploadedFile("ds.csv", b"name,kind\n\xd0\xe9i,t\xe2p th\xea\n"))


def test_semicolon_csv_is_read(clerk):
    rows = read_recipient_file(csv_file("name;kind;title;unit\nĐội A;tập thể;;\n"))
    assert (rows[0].row, rows[0].name, rows[0].kind) == (2, "Đội A", "tập thể")


def test_import_into_an_issued_decision_is_a_conflict(api, clerk, approver, decision):
    services.award_decision_issue(actor=approver, decision=decision)
    response = api(clerk).post(
        f"/api/v1/award-decisions/{decision.pk}/import-recipients/",
        {"file": csv_file("name,kind\nA,tập thể\n"), "dry_run": "false"},
        format="multipart",
        HTTP_IF_MATCH=f'"v{AwardDecision.objects.get(pk=decision.pk).version}"',
    )
    assert response.status_code == 409
    assert decision.recipients.count() == 1
