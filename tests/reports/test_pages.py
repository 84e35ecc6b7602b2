"""Staff pages: list with filters, create and edit, the figure and tally editors (errors next to fields,
typed input kept), transition buttons per role, locks, history."""

import pytest

from movement.models import Role
from reports import services
from reports.models import Conference, IndicatorValue

pytestmark = pytest.mark.django_db


@pytest.fixture
def login(client):
    def _login(user):
        user.refresh_from_db()  # the factory's password is not saved: hash the session with the stored one
        client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
        client.defaults["HTTP_ACCEPT_LANGUAGE"] = "vi"
        return client

    return _login


def _figure_post(conference, rows, *, version=None, prefix="figures"):
    data = {
        f"{prefix}-TOTAL_FORMS": str(len(rows)),
        f"{prefix}-INITIAL_FORMS": "0",
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
        "version": str(version if version is not None else conference.version),
    }
    for index, row in enumerate(rows):
        for key, value in row.items():
            data[f"{prefix}-{index}-{key}"] = value
    return data


def _rows(conference):
    return [
        {
            "indicator": f.indicator.code,
            "breakdown": f.breakdown,
            "qualifier": f.qualifier,
            "value": str(f.value.normalize()),
            "out_of": "" if f.out_of is None else str(f.out_of.normalize()),
        }
        for f in conference.figures.all()
    ]


def test_pages_need_a_sign_in(client, draft):
    for url in ("/staff/conferences/", "/staff/conferences/new/", f"/staff/conferences/{draft.pk}/"):
        response = client.get(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_list_shows_reports_in_scope_with_filters(login, clerk, draft, make_conference):
    other = make_conference(clerk, title="Tổng kết năm 2020", programme="TDBVANTQ-annual", kind="annual_summary")
    client = login(clerk)
    response = client.get("/staff/conferences/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Sơ kết 5 năm Chỉ thị 07" in html and "Tổng kết năm 2020" in html
    assert 'href="/staff/conferences/new/"' in html
    assert 'href="/staff/conferences/"' in html  # nav item for signed-in staff
    filtered = client.get("/staff/conferences/", {"programme": "TDBVANTQ-annual", "q": "tong ket"})
    assert [c.pk for c in filtered.context["page"]] == [other.pk]
    assert [c.pk for c in client.get("/staff/conferences/", {"kind": "interim_review"}).context["page"]] == [draft.pk]


def test_list_hides_unpublished_reports_of_other_areas(login, outsider_clerk, draft):
    response = login(outsider_clerk).get("/staff/conferences/")
    assert response.status_code == 200
    assert list(response.context["page"]) == []
    assert login(outsider_clerk).get(f"/staff/conferences/{draft.pk}/").status_code == 404


def test_create_form_limits_areas_and_creates_a_draft(login, clerk, legacy_thanh_hoa, ha_noi):
    client = login(clerk)
    response = client.get("/staff/conferences/new/")
    assert response.status_code == 200
    areas = response.context["form"].fields["area"].candidates()
    assert areas.filter(pk=legacy_thanh_hoa.pk).exists() and not areas.filter(pk=ha_noi.pk).exists()
    data = {
        "programme": Conference._meta.get_field("programme").related_model.objects.get(code="CT07-2014").pk,
        "kind": "interim_review",
        "title": "Hội nghị sơ kết",
        "area": f"legacy:{legacy_thanh_hoa.code}",
        "held_on": "11/9/2019",
        "period_start": "15/8/2014",
        "period_end": "15/8/2019",
        "period_label": "2014-2019",
        "chaired_by": "Nguyễn Đình Xứng\nNguyễn Hải Trung",
    }
    response = client.post("/staff/conferences/new/", data)
    conference = Conference.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/staff/conferences/{conference.pk}/entry/"
    assert conference.held_on.isoformat() == "2019-09-11" and conference.status == "draft"
    assert conference.chaired_by_lines == ["Nguyễn Đình Xứng", "Nguyễn Hải Trung"]


def test_create_form_shows_errors_next_to_fields_and_keeps_input(login, clerk, legacy_thanh_hoa):
    client = login(clerk)
    data = {
        "programme": Conference._meta.get_field("programme").related_model.objects.get(code="CT07-2014").pk,
        "kind": "interim_review",
        "title": "Hội nghị giữ chữ",
        "area": f"legacy:{legacy_thanh_hoa.code}",
        "period_start": "15/8/2019",
        "period_end": "15/8/2014",
    }
    response = client.post("/staff/conferences/new/", data)
    assert response.status_code == 200
    assert not Conference.objects.exists()
    assert "period_end" in response.context["form"].errors
    html = response.content.decode()
    assert 'value="Hội nghị giữ chữ"' in html
    assert 'class="error-message" id="id_period_end-error"' in html


def test_viewer_cannot_create(login, make_user, thanh_hoa):
    viewer = make_user(Role.VIEWER, thanh_hoa)
    assert login(viewer).get("/staff/conferences/new/").status_code == 403


def test_figure_editor_saves_the_table_and_records_history(login, clerk, draft):
    client = login(clerk)
    response = client.get(f"/staff/conferences/{draft.pk}/figures/")
    assert response.status_code == 200
    assert 'id="indicator-rules"' in response.content.decode()
    rows = _rows(draft)
    rows[0]["value"] = "3.100"  # Vietnamese grouping: 3100
    rows.append({"indicator": "explosives_surrendered_kg", "qualifier": "nearly", "value": "12,5", "out_of": ""})
    rows = [r for r in rows if r["indicator"] != "tips_provided"]
    response = client.post(f"/staff/conferences/{draft.pk}/figures/", _figure_post(draft, rows))
    assert response.status_code == 302
    values = {(f.indicator.code, f.breakdown): f for f in IndicatorValue.objects.filter(conference=draft)}
    assert values[("propaganda_sessions", "")].value == 3100
    assert values[("explosives_surrendered_kg", "")].value == pytest.approx(12.5)
    assert ("tips_provided", "") not in values
    page = client.get(f"/staff/conferences/{draft.pk}/").content.decode()
    assert "gần 12,5" in page and "3.100" in page
    assert "<del>3.071</del> → <ins>3.100</ins>" in page  # figures grouped as Vietnamese read them (issue 15)


def test_figure_editor_shows_each_error_next_to_its_field_and_saves_nothing(login, clerk, draft):
    client = login(clerk)
    rows = _rows(draft)
    rows.append({"indicator": "safety_certified", "breakdown": "ward", "value": "20", "out_of": "15"})
    response = client.post(f"/staff/conferences/{draft.pk}/figures/", _figure_post(draft, rows))
    assert response.status_code == 400
    formset = response.context["formset"]
    assert "value" in formset.forms[len(rows) - 1].errors
    assert all(not form.errors for form in formset.forms[: len(rows) - 1])
    html = response.content.decode()
    assert 'value="20"' in html  # what was typed is kept
    assert IndicatorValue.objects.filter(conference=draft).count() == len(rows) - 1


def test_figure_editor_refuses_decimals_on_a_count_and_unknown_breakdown(login, clerk, draft):
    client = login(clerk)
    rows = [{"indicator": "news_items", "qualifier": "exact", "value": "12,5", "out_of": ""}]
    response = client.post(f"/staff/conferences/{draft.pk}/figures/", _figure_post(draft, rows))
    assert response.status_code == 400 and "value" in response.context["formset"].forms[0].errors
    rows = [{"indicator": "tips_provided", "breakdown": "ward", "qualifier": "exact", "value": "1", "out_of": ""}]
    response = client.post(f"/staff/conferences/{draft.pk}/figures/", _figure_post(draft, rows))
    assert response.status_code == 400 and "breakdown" in response.context["formset"].forms[0].errors
    assert draft.figures.count() == 3


def test_figure_editor_refuses_a_stale_version(login, clerk, draft):
    client = login(clerk)
    services.conference_update(actor=clerk, conference=draft, title="Đổi tên")
    response = client.post(f"/staff/conferences/{draft.pk}/figures/", _figure_post(draft, _rows(draft)[:1]))
    assert response.status_code == 409  # conflict: nothing saved, the table is shown again with what changed
    assert draft.figures.count() == 3


def test_approved_figures_are_locked_on_the_page_until_reopened(login, clerk, approver, approved):
    client = login(clerk)
    response = client.get(f"/staff/conferences/{approved.pk}/figures/")
    assert response.status_code == 302
    rows = _rows(approved)
    rows[0]["value"] = "1"
    response = client.post(f"/staff/conferences/{approved.pk}/figures/", _figure_post(approved, rows), follow=True)
    assert IndicatorValue.objects.get(conference=approved, indicator__code="propaganda_sessions").value == 3071
    assert "bị khóa" in response.content.decode() or "locked" in response.content.decode()
    assert client.get(f"/staff/conferences/{approved.pk}/edit/").status_code == 302
    services.conference_reopen(actor=approver, conference=approved, reason="Sửa")
    approved.refresh_from_db()
    response = client.post(f"/staff/conferences/{approved.pk}/figures/", _figure_post(approved, rows))
    assert response.status_code == 302
    assert IndicatorValue.objects.get(conference=approved, indicator__code="propaganda_sessions").value == 1


def test_transition_buttons_per_role(login, clerk, approver, make_user, thanh_hoa, draft):
    viewer = make_user(Role.VIEWER, thanh_hoa)
    url = f"/staff/conferences/{draft.pk}/"
    html = login(clerk).get(url).content.decode()
    assert 'data-action="submit"' in html and f'href="/staff/conferences/{draft.pk}/figures/"' in html
    assert 'data-action="approve"' not in html
    assert 'data-action="submit"' not in login(approver).get(url).content.decode()
    assert "data-action" not in login(viewer).get(url).content.decode()
    response = login(clerk).post(f"{url}submit/", {"version": draft.version})  # issue 12: version required
    assert response.status_code == 302
    assert Conference.objects.get(pk=draft.pk).status == "submitted"
    html = login(clerk).get(url).content.decode()
    assert "data-action" not in html  # the submitter has nothing more to do
    html = login(approver).get(url).content.decode()
    assert 'data-action="approve"' in html and 'data-action="return"' in html


def test_return_needs_a_reason_and_shows_it(login, approver, clerk, submitted):
    client = login(approver)
    url = f"/staff/conferences/{submitted.pk}/"
    client.post(f"{url}return/", {"reason": ""})
    assert Conference.objects.get(pk=submitted.pk).status == "submitted"
    client.post(f"{url}return/", {"reason": "Thiếu nguồn", "version": submitted.version})  # issue 12
    assert Conference.objects.get(pk=submitted.pk).status == "returned"
    html = login(clerk).get(url).content.decode()
    assert "Thiếu nguồn" in html


def test_submitter_who_is_also_approver_gets_403(login, make_user, thanh_hoa, make_conference):
    from movement.models import RoleAssignment

    both = make_user(Role.DATA_ENTRY, thanh_hoa)
    RoleAssignment.objects.create(user=both, role=Role.APPROVER, area=thanh_hoa)
    conference = services.conference_submit(actor=both, conference=make_conference(both))
    response = login(both).post(f"/staff/conferences/{conference.pk}/approve/")
    assert response.status_code == 403
    assert Conference.objects.get(pk=conference.pk).status == "submitted"


def test_out_of_scope_approver_gets_404_on_the_page(login, outsider_approver, submitted):
    assert login(outsider_approver).post(f"/staff/conferences/{submitted.pk}/approve/").status_code == 404
    assert Conference.objects.get(pk=submitted.pk).status == "submitted"


def test_tally_editor_saves_and_reports_errors(login, clerk, draft):
    client = login(clerk)
    assert client.get(f"/staff/conferences/{draft.pk}/tallies/").status_code == 200
    rows = [
        {
            "issuer": "provincial_chair",
            "form": "certificate_of_merit",
            "recipient_kind": "collective",
            "qualifier": "exact",
            "count": "26",
        },
        {
            "issuer": "provincial_police_director",
            "form": "letter_of_commendation",
            "recipient_kind": "individual",
            "qualifier": "exact",
            "count": "-4",
        },
    ]
    response = client.post(f"/staff/conferences/{draft.pk}/tallies/", _figure_post(draft, rows, prefix="tallies"))
    assert response.status_code == 400
    assert "count" in response.context["formset"].forms[1].errors
    rows[1]["count"] = "40"
    response = client.post(f"/staff/conferences/{draft.pk}/tallies/", _figure_post(draft, rows, prefix="tallies"))
    assert response.status_code == 302
    assert sorted(draft.tallies.values_list("count", flat=True)) == [26, 40]


def test_source_document_can_be_added(login, clerk, draft):
    client = login(clerk)
    response = client.post(
        f"/staff/conferences/{draft.pk}/sources/new/", {"title": "Báo Thanh Hóa", "full_text": "Sáng 11-9"}
    )
    assert response.status_code == 302
    assert draft.source_documents.get().full_text == "Sáng 11-9"


def test_demo_conference_page_shows_qualified_vietnamese_numbers(login, national_admin, hierarchy):
    from reports import demo

    demo.load()
    conference = Conference.objects.get(area__code="44", area__generation="legacy")
    html = login(national_admin).get(f"/staff/conferences/{conference.pk}/").content.decode()
    assert "1.069/1.144" in html and "93,4 %" in html and "gần 30" in html
    assert "năm học 2019-2020" in html and "school year" not in html  # the figure's own period
