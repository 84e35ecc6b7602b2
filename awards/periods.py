"""Assessment periods of certifications: a year ("2020") or a school year ("2019-2020").

A residential area's assessment year runs from 1 November of the year before to 31 October (DESIGN §5);
other subjects use the calendar year; a school year runs from 1 September to 31 August. The `year` used
for counts is the year the period ends in."""

import datetime
import re
from dataclasses import dataclass

from django.utils.translation import gettext as _

from awards.models import PeriodKind, SubjectKind
from movement.errors import ApplicationError

_YEAR = re.compile(r"^\s*(\d{4})\s*$")
_SCHOOL_YEAR = re.compile(r"^\s*(\d{4})\s*[-–/]\s*(\d{4})\s*$")
MIN_YEAR, MAX_YEAR = 1990, 2100


@dataclass(frozen=True)
class Period:
    kind: str
    start: datetime.date
    end: datetime.date
    label: str

    @property
    def year(self) -> int:
        return self.end.year


def parse_period(text: str, *, subject_kind: str) -> Period:
    text = (text or "").strip()
    match = _SCHOOL_YEAR.match(text)
    if match:
        first, second = int(match.group(1)), int(match.group(2))
        if second != first + 1 or not (MIN_YEAR <= first < MAX_YEAR):
            raise ApplicationError(
                _("A school year is written as two consecutive years, such as 2019-2020."),
                field_errors={"period": [_("A school year is written as two consecutive years, such as 2019-2020.")]},
            )
        if subject_kind != SubjectKind.SCHOOL:
            message = _("Only schools are assessed by school year; give a year such as 2020.")
            raise ApplicationError(message, field_errors={"period": [message]})
        return Period(
            PeriodKind.SCHOOL_YEAR, datetime.date(first, 9, 1), datetime.date(second, 8, 31), f"{first}-{second}"
        )
    match = _YEAR.match(text)
    if match and MIN_YEAR <= int(match.group(1)) <= MAX_YEAR:
        year = int(match.group(1))
        if subject_kind == SubjectKind.RESIDENTIAL_AREA:
            start = datetime.date(year - 1, 11, 1)
            end = datetime.date(year, 10, 31)
        else:
            start, end = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
        return Period(PeriodKind.YEAR, start, end, str(year))
    message = _("Give the period as a year (2020) or a school year (2019-2020).")
    raise ApplicationError(message, field_errors={"period": [message]})
