"""The figure grid (reports/entry.py, reports/entry_views.py): values typed as printed, all rows checked at
once, one save of figures and tallies, all or nothing, Vietnamese formats shown back, lost updates refused."""

from decimal import Decimal

import pytest

from reports import entry
from reports.models import AwardTally, Indicator, IndicatorValue

pytestmark = pytest.mark.django_db


@pytest.fixture
def login(client):
    def _login(user):
        user.refresh_from_db()
        client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
        client.defaults["HTTP_ACCEPT_LANGUAGE"] = "vi"
        return client

    return _login


@pytest.mark.parametrize(
    "text, qualifier, value, out_of",
    [
        ("3.071", None, "3071", None),
        ("hơn 1.200", "more_than", "1200", None),
        ("tren 1.200", "more_than", "1200", None),
        ("gần 500", "nearly", "500", None),
        ("khoảng 12,5", "about", "12.5", None),
        ("95/102", None, "95", "102"),
        ("12,5", None, "12.5", None),
        ("1.350,7", None, "1350.7", None),
        ("1,2 triệu", None, "1200000", None),
        ("1 200", None, "1200", None),
        ("-5", None, "-5", None),
    ],
)
def test_values_are_read_as_printed(text, qualifier, value, out_of):
    typed = entry.parse_typed(text)
    assert typed.qualifier == qualifier and typed.value == Decimal(value)
    assert typed.out_of == (Decimal(out_of) if out_of else None)


@pytest.mark.parametrize("text", ["abc", "3..1", "hơn", "12/", "1e5"])
def test_a_value_that_is_not_a_number_is_refused_readably(text):
    with pytest.raises(ValueError, match="3.071"):
        entry.parse_typed(text)


def test_numbers_are_shown_back_in_vietnamese_format():
    assert entry.display_number(Decimal("1350.000")) == "1.350"
    assert entry.display_number(Decimal("3071")) == "3.071"
    assert entry.display_number(Decimal("12.500")) == "12,5"
    assert entry.display_number(Decimal("1234567.25")) == "1.234.567,25"


def _post(conference, figures=(), tallies=(), version=None):
    data = {"version": str(conference.version if version is None else version)}
    for index, row in enumerate(figures):
        for key, value in row.items():
            data[f"f-{index}-{key}"] = value
    for index, row in enumerate(tallies):
        for key, value in row.items():
            data[f"t-{index}-{key}"] = value
    return data


TWENTY = [
    {"indicator": "propaganda_sessions", "value": "3.071"},
    {"indicator": "propaganda_participants", "value": "hơn 116.869"},
    {"indicator": "banners_and_slogans", "value": "1.250"},
    {"indicator": "news_items", "value": "420"},
    {"indicator": "community_conferences", "value": "212"},
    {"indicator": "community_conference_participants", "value": "15.300"},
    {"indicator": "tips_provided", "value": "hơn 10.000"},
    {"indicator": "valuable_tips", "value": "1.024"},
    {"indicator": "self_management_models", "value": "318"},
    {"indicator": "self_management_models", "breakdown": "school", "value": "40"},
    {"indicator": "self_management_models", "breakdown": "enterprise", "value": "57"},
    {"indicator": "movement_models", "value": "95"},
    {"indicator": "new_movement_models", "value": "12"},
    {"indicator": "fire_prevention_models", "value": "33"},
    {"indicator": "units_with_security_force", "value": "95/102"},
    {"indicator": "safety_certified", "value": "1.069", "out_of": "1.144"},
    {"indicator": "military_guns_surrendered", "value": "7"},
    {"indicator": "homemade_guns_surrendered", "value": "21"},
    {"indicator": "explosives_surrendered_kg", "value": "12,5"},
    {"indicator": "complex_areas_transformed", "value": "4/6"},
]
FOUR_TALLIES = [
    {"issuer": "provincial_chair", "form": "certificate_of_merit", "recipient_kind": "collective", "count": "26"},
    {"issuer": "provincial_chair", "form": "certificate_of_merit", "recipient_kind": "individual", "count": "31"},
    {
        "issuer": "ministry_of_public_security",
        "form": "certificate_of_merit",
        "recipient_kind": "collective",
        "count": "3",
    },
    {
        "issuer": "provincial_police_director",
        "form": "letter_of_commendation",
        "recipient_kind": "mixed",
        "count": "hơn 100",
    },
]


def test_grid_lists_every_active_indicator_by_group_with_unit_and_breakdowns(login, clerk, draft):
    response = login(clerk).get(f"/staff/conferences/{draft.pk}/entry/")
    html = response.content.decode()
    assert response.status_code == 200
    for indicator in Indicator.objects.filter(is_active=True):
        assert f'data-indicator="{indicator.code}"' in html
    assert "Tuyên truyền, vận động" in html
    assert "(buổi)" in html and "Khối nhà trường" in html
    # a generous number of rows without JavaScript: one per indicator, ten free ones, eight tally rows
    assert html.count("data-row ") + html.count("data-row>") >= Indicator.objects.filter(is_active=True).count() + 18


def test_twenty_figures_and_four_tallies_are_saved_in_one_post(login, clerk, draft):
    response = login(clerk).post(f"/staff/conferences/{draft.pk}/entry/", _post(draft, TWENTY, FOUR_TALLIES))
    assert response.status_code == 302, response.content.decode()[:3000]
    assert IndicatorValue.objects.filter(conference=draft).count() == 20
    assert AwardTally.objects.filter(conference=draft).count() == 4
    figure = IndicatorValue.objects.get(conference=draft, indicator__code="propaganda_participants")
    assert figure.qualifier == "more_than" and figure.value == 116869
    ratio = IndicatorValue.objects.get(conference=draft, indicator__code="units_with_security_force")
    assert (ratio.value, ratio.out_of) == (95, 102)
    assert AwardTally.objects.get(conference=draft, recipient_kind="mixed").qualifier == "more_than"
    page = login(clerk).get(f"/staff/conferences/{draft.pk}/entry/").content.decode()
    assert 'value="3.071"' in page and 'value="12,5"' in page and 'value="116.869"' in page
    detail = login(clerk).get(f"/staff/conferences/{draft.pk}/").content.decode()
    assert "3.071" in detail and "hơn 116.869" in detail


def test_three_bad_rows_show_three_errors_at_once_and_save_nothing(login, clerk, draft):
    rows = [
        {"indicator": "propaganda_sessions", "value": "3.071"},
        {"indicator": "units_with_security_force", "value": "110/102"},
        {"indicator": "tips_provided", "value": "-5"},
        {"indicator": "valuable_tips", "value": "1.350,7"},
    ]
    before = sorted(str(f) for f in IndicatorValue.objects.filter(conference=draft))
    response = login(clerk).post(f"/staff/conferences/{draft.pk}/entry/", _post(draft, rows))
    html = response.content.decode()
    assert response.status_code == 400
    assert "3 dòng có lỗi" in html
    assert "Giá trị không thể lớn hơn số “trên tổng số”." in html  # 110 of 102
    assert "Số liệu không thể là số âm." in html  # −5
    assert "không có phần thập phân" in html  # 1.350,7 for a whole-number indicator
    assert html.count('class="entry-row row-error"') == 3
    assert sorted(str(f) for f in IndicatorValue.objects.filter(conference=draft)) == before
    assert 'value="110/102"' in html and 'value="1.350,7"' in html  # what was typed stays


def test_a_stale_version_saves_nothing_and_keeps_what_was_typed(login, clerk, draft):
    from reports import services

    before = sorted(str(f) for f in IndicatorValue.objects.filter(conference=draft))
    stale_version = draft.version
    services.conference_update(actor=clerk, conference=draft, title="Đổi tên")
    response = login(clerk).post(
        f"/staff/conferences/{draft.pk}/entry/", _post(draft, TWENTY[:2], version=stale_version)
    )
    assert response.status_code == 409
    assert sorted(str(f) for f in IndicatorValue.objects.filter(conference=draft)) == before
    assert 'value="hơn 116.869"' in response.content.decode()


def test_an_empty_value_deletes_a_saved_figure(login, clerk, draft):
    client = login(clerk)
    client.post(f"/staff/conferences/{draft.pk}/entry/", _post(draft, TWENTY[:3]))
    draft.refresh_from_db()
    client.post(f"/staff/conferences/{draft.pk}/entry/", _post(draft, TWENTY[:2]))
    assert IndicatorValue.objects.filter(conference=draft).count() == 2


def test_rows_are_bounded(login, clerk, draft):
    rows = [{"indicator": "propaganda_sessions", "value": ""} for _i in range(entry.MAX_ROWS + 1)]
    before = IndicatorValue.objects.filter(conference=draft).count()
    response = login(clerk).post(f"/staff/conferences/{draft.pk}/entry/", _post(draft, rows), follow=True)
    assert "Tối đa 400 dòng mỗi lần." in response.content.decode()
    assert IndicatorValue.objects.filter(conference=draft).count() == before


def test_grid_is_refused_outside_scope(login, outsider_clerk, draft):
    assert login(outsider_clerk).get(f"/staff/conferences/{draft.pk}/entry/").status_code == 404


@pytest.fixture
def next_period(make_conference, clerk, draft):
    """A new, empty report of the same area and programme for the period after the draft's."""
    import datetime

    return make_conference(
        clerk,
        title="Tổng kết 2020",
        held_on=datetime.date(2021, 1, 10),
        period_start=datetime.date(2020, 1, 1),
        period_end=datetime.date(2020, 12, 31),
        period_label="2020",
        figures=[],
        tallies=[],
    )


def test_a_new_report_offers_to_copy_the_previous_periods_rows(login, clerk, draft, next_period):
    page = login(clerk).get(f"/staff/conferences/{next_period.pk}/entry/").content.decode()
    assert "Sao chép từ báo cáo kỳ trước" in page and draft.title in page


def test_copy_brings_indicators_and_breakdowns_without_values(login, clerk, draft, next_period):
    response = login(clerk).get(f"/staff/conferences/{next_period.pk}/entry/", {"copy": "rows"})
    html = response.content.decode()
    assert "dòng được sao chép" in html
    # the previous report's breakdown of safety_certified (commune) is now a row, with no value
    assert '<option value="commune" selected>' in html
    assert 'value="3.071"' not in html
    assert not next_period.figures.exists()  # nothing saved by copying


def test_copy_with_values_when_asked(login, clerk, draft, next_period):
    html = login(clerk).get(f"/staff/conferences/{next_period.pk}/entry/", {"copy": "values"}).content.decode()
    assert 'value="3.071"' in html and 'value="128"' in html


def test_copy_ignores_reports_of_other_programmes_and_later_periods(login, clerk, next_period, draft):
    from reports.entry import previous_conference

    assert previous_conference(actor=clerk, conference=draft) is None
    assert previous_conference(actor=clerk, conference=next_period) == draft
