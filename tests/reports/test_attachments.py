"""Attached files (movement/attachments.py, awards/attachments.py, awards/attachment_views.py): type read from
the content, size bounded, stored through the storage API, read in scope only — and by the public only when
the record is published or issued and the file is marked public."""

import io
import zipfile

import pytest
from docx import Document

from movement.models import Role
from reports import services
from reports.models import ConferenceAttachment

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    return tmp_path


@pytest.fixture
def login(client):
    def _login(user):
        user.refresh_from_db()
        client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
        client.defaults["HTTP_ACCEPT_LANGUAGE"] = "vi"
        return client

    return _login


def _file(content: bytes, name: str):
    upload = io.BytesIO(content)
    upload.name = name
    return upload


def _docx() -> bytes:
    output = io.BytesIO()
    Document().save(output)
    return output.getvalue()


def _attach(client, conference, content, name, **extra):
    return client.post(
        f"/staff/attachments/conference/{conference.pk}/add/", {"file": _file(content, name), **extra}, follow=True
    )


def test_a_clerk_attaches_a_pdf_and_reads_it_back(login, clerk, draft, media):
    client = login(clerk)
    response = _attach(client, draft, PDF, "bao-cao.pdf", title="Báo cáo scan")
    assert "Đã đính kèm tệp." in response.content.decode()
    attachment = ConferenceAttachment.objects.get(conference=draft)
    assert attachment.content_type == "application/pdf" and attachment.size == len(PDF)
    assert (media / attachment.file.name).exists()  # through the storage API, in MEDIA_ROOT
    page = client.get(f"/staff/conferences/{draft.pk}/").content.decode()
    assert "Báo cáo scan" in page
    download = client.get(f"/files/conference/{attachment.pk}/")
    assert download.status_code == 200 and b"".join(download.streaming_content) == PDF
    assert download["Content-Type"] == "application/pdf" and download["X-Content-Type-Options"] == "nosniff"


def test_the_type_is_read_from_the_content_not_the_name(login, clerk, draft):
    client = login(clerk)
    html = _attach(client, draft, b"MZ\x90\x00 not a pdf at all", "bao-cao.pdf").content.decode()
    assert "Đính kèm tệp PDF, ảnh (PNG, JPEG, WebP), .docx hoặc .xlsx" in html
    fake_office = io.BytesIO()
    with zipfile.ZipFile(fake_office, "w") as archive:
        archive.writestr("word/notes.txt", "x")
        archive.writestr("[Content_Types].xml", "<Types/>")
    _attach(client, draft, fake_office.getvalue(), "bien-ban.docx")
    assert not ConferenceAttachment.objects.exists()
    _attach(client, draft, _docx(), "bien-ban.bin")  # a real .docx whatever its name
    assert ConferenceAttachment.objects.get().extension == "docx"


def test_size_is_bounded(login, clerk, draft, settings):
    settings.ATTACHMENT_MAX_BYTES = 1024 * 1024
    html = _attach(login(clerk), draft, PDF + b"0" * (1024 * 1024), "lon.pdf").content.decode()
    assert "Tệp lớn hơn 1 MB." in html and not ConferenceAttachment.objects.exists()


def test_outside_scope_neither_attaches_nor_reads(login, clerk, outsider_clerk, draft, make_user, thanh_hoa, client):
    _attach(login(clerk), draft, PDF, "a.pdf", is_public="on")
    attachment = ConferenceAttachment.objects.get()
    outsider = login(outsider_clerk)
    assert outsider.get(f"/files/conference/{attachment.pk}/").status_code == 404
    assert _attach(outsider, draft, PDF, "b.pdf").status_code == 404
    viewer = make_user(Role.VIEWER, thanh_hoa, username="xem_tep")
    reader = login(viewer)
    assert reader.get(f"/files/conference/{attachment.pk}/").status_code == 200  # in scope: reads
    assert _attach(reader, draft, PDF, "c.pdf").status_code == 403  # but may not attach
    client.logout()
    assert client.get(f"/files/conference/{attachment.pk}/").status_code == 404  # a draft is not public


def test_the_public_reads_only_public_files_of_a_published_report(login, clerk, approver, draft, client):
    client_clerk = login(clerk)
    _attach(client_clerk, draft, PDF, "cong-khai.pdf", title="Công khai", is_public="on")
    _attach(client_clerk, draft, PDF, "noi-bo.pdf", title="Nội bộ")
    public_file = ConferenceAttachment.objects.get(title="Công khai")
    internal = ConferenceAttachment.objects.get(title="Nội bộ")
    conference = services.conference_submit(actor=clerk, conference=draft)
    conference = services.conference_approve(actor=approver, conference=conference)
    services.conference_publish(actor=approver, conference=conference)
    client.logout()
    assert client.get(f"/files/conference/{public_file.pk}/").status_code == 200
    assert client.get(f"/files/conference/{internal.pk}/").status_code == 404


def test_award_decision_files_follow_the_same_rules(login, clerk, approver, thanh_hoa, client):
    import datetime

    from awards import services as award_services
    from awards.models import RecordAttachment
    from reports.models import AwardForm, IssuingAuthority

    decision = award_services.award_decision_create(
        actor=clerk,
        area=thanh_hoa,
        number="88/QĐ-UBND",
        signed_on=datetime.date(2025, 8, 1),
        issuing_authority=IssuingAuthority.objects.get(code="provincial_chair"),
        form=AwardForm.objects.get(code="certificate_of_merit"),
        achievement="Thành tích xuất sắc",
        recipients=[{"kind": "collective", "name_as_printed": "Công an xã A"}],
    )
    response = login(clerk).post(
        f"/staff/attachments/award/{decision.pk}/add/",
        {"file": _file(_docx(), "quyet-dinh.docx"), "is_public": "on"},
    )
    assert response.status_code == 302
    attachment = RecordAttachment.objects.get(award_decision=decision)
    client.logout()
    assert client.get(f"/files/award/{attachment.pk}/").status_code == 404  # a draft
    award_services.award_decision_issue(actor=approver, decision=decision)
    download = client.get(f"/files/award/{attachment.pk}/")
    assert download.status_code == 200 and "attachment" in download["Content-Disposition"]
    assert f"/files/award/{attachment.pk}/" in client.get(f"/awards/decisions/{decision.pk}/").content.decode()
