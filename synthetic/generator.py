"""A synthetic national dataset: units, ten years of certifications, conferences with their reported figures,
and award decisions with recipients, spread over both generations of the real administrative hierarchy.

Deterministic: the same scale, seed and last year give the same rows (ids aside), because every random
draw comes from one `random.Random(seed)` in a fixed order (areas by path, plans in list order).
Everything is written with bulk_create in batches (no services, no audit events, no history rows: a data
tool, not a user). At scale 1 it writes about 300,000 units, 1.5 million certifications, 20,000 conferences
with 400,000 figures and 20,000 award decisions with 200,000 recipients; scale 0.01 takes seconds.

Shapes follow the real workflow (docs/performance.md, "The synthetic dataset"):

- **Units** per commune by kind, weighted by a per-commune size and the kind of commune (wards hold more
  enterprises and agencies); three in four on legacy communes, the rest on 2025 communes.
- **Certifications** for every eligible participating unit and commune, per assessment year (residential
  areas 1 Nov - 31 Oct; schools by school year before 2020), legacy units up to 2025 and 2025 units from
  2025, with the statuses the workflow leaves: closed years mostly recognised (by one recognition decision
  per district or commune and year), some rejected or revoked, some never submitted; the year under review
  submitted or approved; the open year registered or submitted.
- **Conferences** at province, district and commune level: yearly reviews of the movement, the 2014-2019
  and 2014-2024 reviews of Directive 07 (and yearly thematic ones), launches of Directive 06 in 2025; most
  published, recent ones still in the workflow. Figures with qualifiers, "out of" figures where the
  indicator takes one, breakdowns the indicator allows; award tallies; a source document each.
- **Award decisions** by the authorities of each level (no district issuer after 30 June 2025), most issued,
  a few drafts and annulled ones, with 1 to 80 numbered recipients (units of the area, or people).
"""

from __future__ import annotations

import datetime
import math
import random
import sys
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone
from tqdm import tqdm

from movement.bulk import RowWriter
from movement.models import AdministrativeUnit, Unit
from movement.text import fold
from reports.models import (
    AwardForm,
    AwardTally,
    Conference,
    ConferenceTransition,
    Indicator,
    IndicatorValue,
    IssuingAuthority,
    Programme,
    Qualifier,
    SourceDocument,
)
from synthetic import names
from synthetic.marks import UNIT_ADDRESS_MARK, generator_user
from synthetic.models import GeneratedDataset

REORGANISATION = datetime.date(2025, 7, 1)  # 34 provinces, no districts from this day
REORG_YEAR = 2025

# At scale 1.
UNITS = 300_000
CONFERENCE_COMMUNES_PER_YEAR = 1_100
DECISIONS = 20_000

UNIT_KIND_SHARES = [
    (Unit.Kind.RESIDENTIAL_AREA, 0.30),
    (Unit.Kind.AGENCY, 0.25),
    (Unit.Kind.ENTERPRISE, 0.25),
    (Unit.Kind.SCHOOL, 0.17),
    (Unit.Kind.HOSPITAL, 0.03),
]
LEGACY_UNIT_SHARE = 0.75
# How much more of each unit kind a commune of this kind holds than a rural commune of the same size.
KIND_FACTORS = {
    "ward": {"residential_area": 0.8, "agency": 2.0, "enterprise": 3.0, "school": 1.3, "hospital": 2.5},
    "township": {"residential_area": 0.9, "agency": 1.6, "enterprise": 1.8, "school": 1.2, "hospital": 1.8},
    "special_zone": {"residential_area": 1.0, "agency": 1.5, "enterprise": 1.5, "school": 1.0, "hospital": 1.5},
}
SCHOOL_LEVELS = [
    ("kindergarten", 0.30),
    ("primary", 0.28),
    ("lower_secondary", 0.24),
    ("upper_secondary", 0.10),
    ("multi_level", 0.04),
    ("vocational", 0.03),
    ("higher_education", 0.01),
]
ENTERPRISE_SIZES = [("micro", 0.30), ("small", 0.22), ("medium", 0.28), ("large", 0.20)]
SECURITY_FORCES = [("none", 0.45), ("part_time", 0.40), ("full_time", 0.15)]
PARTICIPATION = {"residential_area": 0.98, "agency": 0.95, "enterprise": 0.88, "school": 0.97, "hospital": 0.97}

# Statuses a real workflow leaves behind, by how far the assessment has gone.
STATUS_CLOSED = [
    ("recognised", 0.80),
    ("registered", 0.09),
    ("rejected", 0.05),
    ("revoked", 0.02),
    ("approved", 0.02),
    ("submitted", 0.02),
]
STATUS_REVIEWING = [("approved", 0.40), ("submitted", 0.35), ("registered", 0.15), ("rejected", 0.10)]
STATUS_OPEN = [("registered", 0.65), ("submitted", 0.35)]
CONFERENCE_STATUS_OLD = [
    ("published", 0.90),
    ("approved", 0.03),
    ("draft", 0.03),
    ("submitted", 0.02),
    ("returned", 0.02),
]
CONFERENCE_STATUS_RECENT = [
    ("published", 0.50),
    ("approved", 0.15),
    ("submitted", 0.15),
    ("draft", 0.15),
    ("returned", 0.05),
]
QUALIFIERS = [(Qualifier.EXACT, 0.78), (Qualifier.MORE_THAN, 0.14), (Qualifier.NEARLY, 0.05), (Qualifier.ABOUT, 0.03)]

# Typical value of an indicator in a province's yearly report, and how often reports give it.
INDICATOR_PROFILE = {
    "propaganda_sessions": (3_000, 10),
    "propaganda_participants": (300_000, 9),
    "banners_and_slogans": (5_000, 5),
    "news_items": (1_500, 5),
    "community_conferences": (800, 6),
    "community_conference_participants": (60_000, 5),
    "tips_provided": (10_000, 10),
    "valuable_tips": (1_500, 8),
    "self_management_models": (600, 9),
    "model_host_units": (900, 5),
    "movement_models": (1_200, 6),
    "new_movement_models": (200, 4),
    "fire_prevention_models": (150, 3),
    "areas_with_safety_models": (120, 3),
    "units_with_security_force": (800, 5),
    "units_registered_for_safety_certification": (1_100, 5),
    "safety_certified": (950, 8),
    "safety_certifications_granted": (900, 3),
    "military_guns_surrendered": (20, 3),
    "homemade_guns_surrendered": (60, 3),
    "military_ammunition_surrendered": (800, 3),
    "explosives_surrendered_kg": (30, 2),
    "fireworks_surrendered_boxes": (200, 3),
    "complex_areas_transformed": (12, 3),
}
LEVEL_FACTOR = {"province": 1.0, "district": 0.09, "commune": 0.008}
INDICATORS_PER_REPORT = {"province": 16, "district": 14, "commune": 11, "launch": 6}
AREA_KIND_BREAKDOWNS = {"commune", "ward", "township", "special_zone"}

CERTIFICATION_COLUMNS = [
    "subject_kind",
    "unit",
    "commune",
    "area",
    "period_kind",
    "period_start",
    "period_end",
    "period_label",
    "year",
    "criteria_set",
    "status",
    "registered_by",
    "submitted_at",
    "reviewed_at",
    "review_note",
    "rejection_reason",
    "recognition_decision",
    "recognised_at",
    "revoked_at",
    "revocation_reason",
]
DECISION_INDEX = CERTIFICATION_COLUMNS.index("recognition_decision")
UNIT_COLUMNS = [
    "kind",
    "name",
    "area",
    "address",
    "tax_code",
    "school_level",
    "enterprise_size",
    "security_force",
    "is_active",
    "search_name",
]
FIGURE_COLUMNS = ["conference", "indicator", "breakdown", "value", "out_of", "qualifier", "source_excerpt"]
TALLY_COLUMNS = ["conference", "issuer", "form", "recipient_kind", "count", "qualifier", "source_excerpt"]
DOCUMENT_COLUMNS = ["conference", "title", "publisher", "published_on", "full_text"]
TRANSITION_COLUMNS = ["conference", "from_status", "to_status", "occurred_at", "reason"]
RECIPIENT_COLUMNS = ["decision", "order", "kind", "name_as_printed", "title_as_printed", "unit", "area"]

DECISION_RECIPIENTS = [((1, 3), 0.40), ((4, 10), 0.35), ((11, 30), 0.20), ((31, 80), 0.05)]


def default_end_year(today: datetime.date | None = None) -> int:
    """The last year with data: this year once November has begun (the residential-area year is over),
    otherwise the year before."""
    today = today or timezone.localdate()
    return today.year if today >= datetime.date(today.year, 11, 1) else today.year - 1


@dataclass
class Area:
    id: int
    generation: str
    level: str
    kind: str
    code: str
    name: str
    short_name: str
    parent_id: int | None
    path: str
    current_province_id: int | None
    children: list = field(default_factory=list)

    @property
    def is_legacy(self) -> bool:
        return self.generation == AdministrativeUnit.Generation.LEGACY


@dataclass
class Units:
    """What later steps need of the units written (parallel lists, index = order of creation)."""

    ids: list = field(default_factory=list)
    kinds: list = field(default_factory=list)
    areas: list = field(default_factory=list)
    names: list = field(default_factory=list)
    eligible: list = field(default_factory=list)
    by_area: dict = field(default_factory=lambda: defaultdict(list))


def _weighted(rng: random.Random, pairs):
    values = [v for v, _w in pairs]
    weights = [w for _v, w in pairs]
    return rng.choices(values, weights=weights, k=1)[0]


class NationalDatasetGenerator:
    def __init__(
        self,
        *,
        scale: float = 1.0,
        seed: int = 1,
        end_year: int | None = None,
        batch_size: int = 5_000,
        progress: bool = True,
        stdout=None,
    ):
        if scale <= 0:
            raise ValueError("scale must be positive")
        self.scale = float(scale)
        self.seed = int(seed)
        self.end_year = int(end_year or default_end_year())
        if self.end_year < 2016:
            raise ValueError("the last year must be 2016 or later")
        # Every date stays on or before 1 November of the last year (never in the future once it has come).
        self.as_of = min(datetime.date(self.end_year, 11, 1), timezone.localdate())
        self.batch_size = batch_size
        self.progress = progress
        self.stdout = stdout
        self.rng = random.Random(self.seed)
        self.tz = ZoneInfo(settings.TIME_ZONE)
        self.counts: Counter = Counter()
        self.user = None

    # ------------------------------------------------------------------------------------------------------
    # Helpers

    def _say(self, text: str) -> None:
        if self.stdout is not None:
            self.stdout.write(text)

    def _bar(self, total: int, desc: str):
        return tqdm(
            total=total, desc=desc, unit=" rows", disable=not self.progress, file=sys.stderr, dynamic_ncols=True
        )

    def _insert(self, model, rows: list, bar=None) -> list:
        """bulk_create in batches; returns the rows with their primary keys."""
        for start in range(0, len(rows), self.batch_size):
            chunk = rows[start : start + self.batch_size]
            model.objects.bulk_create(chunk, batch_size=self.batch_size)
            if bar is not None:
                bar.update(len(chunk))
        self.counts[model._meta.label] += len(rows)
        return rows

    def _write(self, writer: RowWriter, rows: list[tuple], bar=None) -> None:
        writer.write(rows)
        self.counts[writer.model._meta.label] += len(rows)
        if bar is not None:
            bar.update(len(rows))

    def _write_returning_ids(self, writer: RowWriter, rows: list[tuple], bar=None) -> list[int]:
        ids = writer.write_returning_ids(rows)
        self.counts[writer.model._meta.label] += len(rows)
        if bar is not None:
            bar.update(len(rows))
        return ids

    def at(self, day: datetime.date, hour: int = 9) -> datetime.datetime:
        return datetime.datetime(day.year, day.month, day.day, hour, tzinfo=self.tz)

    def _cap(self, day: datetime.date) -> datetime.date:
        return min(day, self.as_of)

    # ------------------------------------------------------------------------------------------------------
    # Run

    def run(self) -> GeneratedDataset:
        started = time.monotonic()
        self.user = generator_user()
        dataset = GeneratedDataset.objects.create(
            scale=Decimal(str(self.scale)), seed=self.seed, end_year=self.end_year
        )
        self._load_areas()
        # One transaction per step: a handful of commits, not one per batch.
        with transaction.atomic():
            units = self.generate_units()
        with transaction.atomic():
            self.generate_certifications(units)
        with transaction.atomic():
            conferences = self.generate_conferences()
        with transaction.atomic():
            self.generate_award_decisions(units, conferences)
        self._after_load()
        dataset.seconds = time.monotonic() - started
        dataset.finished_at = timezone.now()
        dataset.counts = dict(sorted(self.counts.items()))
        dataset.is_complete = True
        dataset.save(update_fields=["seconds", "finished_at", "counts", "is_complete"])
        return dataset

    def _after_load(self) -> None:
        """Summary rows (reports.rollups, when present) rebuilt from scratch, then fresh planner statistics."""
        try:
            from reports import rollups
        except ImportError:
            rollups = None
        if rollups is not None and hasattr(rollups, "rebuild_all"):
            self._say("Rebuilding the summary rows…")
            with transaction.atomic():
                rollups.rebuild_all()
        if connection.vendor in ("postgresql", "sqlite"):
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")

    # ------------------------------------------------------------------------------------------------------
    # Areas

    def _load_areas(self) -> None:
        rows = AdministrativeUnit.objects.order_by("path").values_list(
            "id",
            "generation",
            "level",
            "kind",
            "code",
            "name",
            "short_name",
            "parent_id",
            "path",
            "current_province_id",
        )
        self.areas: dict[int, Area] = {}
        for row in rows:
            self.areas[row[0]] = Area(*row)
        if not self.areas:
            raise RuntimeError("Load the administrative units first (manage.py load_admin_units).")
        for area in self.areas.values():
            if area.parent_id:
                self.areas[area.parent_id].children.append(area)

        def pick(generation, level):
            return [a for a in self.areas.values() if a.generation == generation and a.level == level]

        legacy, current = AdministrativeUnit.Generation.LEGACY, AdministrativeUnit.Generation.Y2025
        self.legacy_provinces = pick(legacy, "province")
        self.legacy_districts = pick(legacy, "district")
        self.legacy_communes = pick(legacy, "commune")
        self.new_provinces = pick(current, "province")
        self.new_communes = pick(current, "commune")

    def _province(self, area: Area) -> Area:
        while area.parent_id:
            area = self.areas[area.parent_id]
        return area

    def _label(self, area: Area) -> str:
        return area.short_name or area.name

    # ------------------------------------------------------------------------------------------------------
    # Units

    def generate_units(self) -> Units:
        rng = self.rng
        total = max(1, round(UNITS * self.scale))
        plan: dict[tuple[int, str], int] = Counter()
        for generation_share, communes in (
            (LEGACY_UNIT_SHARE, self.legacy_communes),
            (1 - LEGACY_UNIT_SHARE, self.new_communes),
        ):
            sizes = [rng.lognormvariate(0, 0.6) for _c in communes]
            for kind, share in UNIT_KIND_SHARES:
                wanted = round(total * share * generation_share)
                if not wanted:
                    continue
                weights = [
                    size * KIND_FACTORS.get(c.kind, {}).get(kind, 1.0) for size, c in zip(sizes, communes, strict=True)
                ]
                for index in rng.choices(range(len(communes)), weights=weights, k=wanted):
                    plan[(communes[index].id, kind)] += 1
        units = Units()
        bar = self._bar(sum(plan.values()), "Units")
        writer = RowWriter(Unit, UNIT_COLUMNS, batch_size=self.batch_size)
        batch: list[tuple] = []
        kinds = [k for k, _s in UNIT_KIND_SHARES]
        for area in [*self.legacy_communes, *self.new_communes]:
            for kind in kinds:
                for number in range(1, plan.get((area.id, kind), 0) + 1):
                    unit = self._unit(area, kind, number)
                    batch.append(
                        tuple(getattr(unit, f"{name}_id" if name == "area" else name) for name in UNIT_COLUMNS)
                    )
                    units.kinds.append(kind)
                    units.areas.append(area.id)
                    units.names.append(unit.name)
                    units.eligible.append(unit.is_eligible_for_safety_standard)
                    units.by_area[area.id].append(len(units.kinds) - 1)
            if len(batch) >= self.batch_size:
                units.ids.extend(self._write_returning_ids(writer, batch, bar))
                batch = []
        units.ids.extend(self._write_returning_ids(writer, batch, bar))
        bar.close()
        return units

    def _unit(self, area: Area, kind: str, number: int) -> Unit:
        rng = self.rng
        place = self._label(area)
        school_level = enterprise_size = ""
        tax_code = ""
        if kind == Unit.Kind.RESIDENTIAL_AREA:
            if area.kind in ("ward", "township"):
                name = f"Tổ dân phố số {number}, {place}"
            elif rng.random() < 0.5:
                name = f"Thôn {number}, {place}"
            else:
                name = f"Thôn {rng.choice(names.HAMLET_WORDS)} {number}, {place}"
        elif kind == Unit.Kind.AGENCY:
            name = f"{rng.choice(names.AGENCY_TYPES)} {place}" + (f" (số {number})" if number > 1 else "")
        elif kind == Unit.Kind.ENTERPRISE:
            enterprise_size = _weighted(rng, ENTERPRISE_SIZES)
            name = (
                f"{rng.choice(names.ENTERPRISE_TYPES)} {rng.choice(names.ENTERPRISE_TRADES)} "
                f"{rng.choice(names.ENTERPRISE_WORDS)} {place}"
            )
            tax_code = f"{rng.randrange(10**9, 10**10)}"
        elif kind == Unit.Kind.SCHOOL:
            school_level = _weighted(rng, SCHOOL_LEVELS)
            name = f"{names.SCHOOL_PREFIXES[school_level]} {place}" + (f" số {number}" if number > 1 else "")
        else:
            name = f"{rng.choice(names.HOSPITAL_TYPES)} {place}" + (f" số {number}" if number > 1 else "")
        security_force = "none" if kind == Unit.Kind.RESIDENTIAL_AREA else _weighted(rng, SECURITY_FORCES)
        return Unit(
            kind=kind,
            name=name,
            area_id=area.id,
            address=f"{UNIT_ADDRESS_MARK}{area.name}",
            tax_code=tax_code,
            school_level=school_level,
            enterprise_size=enterprise_size,
            security_force=security_force,
            is_active=rng.random() > 0.02,
            search_name=fold(name),
        )

    # ------------------------------------------------------------------------------------------------------
    # Certifications

    def _years(self):
        return list(range(self.end_year - 9, self.end_year + 1))

    def _cert_years(self, area: Area) -> list[int]:
        if area.is_legacy:
            return [y for y in self._years() if y <= REORG_YEAR]
        return [y for y in self._years() if y >= REORG_YEAR]

    def _cert_period(self, subject_kind: str, year: int):
        """(period kind, start, end, label) as awards.periods builds them."""
        if subject_kind == "residential_area":
            return "year", datetime.date(year - 1, 11, 1), datetime.date(year, 10, 31), str(year)
        if subject_kind == "school" and year < 2020:
            return "school_year", datetime.date(year - 1, 9, 1), datetime.date(year, 8, 31), f"{year - 1}-{year}"
        return "year", datetime.date(year, 1, 1), datetime.date(year, 12, 31), str(year)

    def generate_certifications(self, units: Units) -> None:
        from awards.models import SUBJECT_TO_CRITERIA, CriteriaSet, RecognitionDecision, SafetyCertification

        rng = self.rng
        criteria: dict[str, list] = defaultdict(list)
        for row in CriteriaSet.objects.order_by("valid_from", "id").values(
            "id", "subject_kind", "valid_from", "valid_until"
        ):
            criteria[row["subject_kind"]].append(row)

        def criteria_set_for(subject_kind, period_end):
            for row in criteria.get(SUBJECT_TO_CRITERIA[subject_kind], []):
                if (row["valid_from"] is None or row["valid_from"] <= period_end) and (
                    row["valid_until"] is None or period_end <= row["valid_until"]
                ):
                    return row["id"]
            return None

        decisions: dict[tuple, RecognitionDecision] = {}
        pending_decisions: list[RecognitionDecision] = []
        decision_numbers: Counter = Counter()

        def decision_day(group: str, year: int) -> datetime.date:
            return datetime.date(year, 11, 20) if group == "residential" else datetime.date(year + 1, 1, 10)

        def decision_for(issuer: Area, group: str, year: int) -> RecognitionDecision:
            key = (issuer.id, group, year)
            decision = decisions.get(key)
            if decision is None:
                signed = decision_day(group, year) + datetime.timedelta(days=rng.randrange(0, 20))
                decision_numbers[(issuer.id, signed.year)] += 1
                decision = RecognitionDecision(
                    number=f"{decision_numbers[(issuer.id, signed.year)] * 7 + 100}/QĐ-UBND",
                    signed_on=self._cap(signed),
                    issuer=f"Chủ tịch UBND {issuer.name}",
                    area_id=issuer.id,
                    created_by=self.user,
                )
                decisions[key] = decision
                pending_decisions.append(decision)
            return decision

        # Subjects: eligible units, then communes; each with the years of its generation.
        subjects = []
        for index, unit_id in enumerate(units.ids):
            if units.eligible[index]:
                subjects.append((units.kinds[index], unit_id, None, self.areas[units.areas[index]]))
        communes = [*self.legacy_communes, *self.new_communes]
        if self.scale < 1:
            communes = sorted(rng.sample(communes, max(1, round(len(communes) * self.scale))), key=lambda c: c.path)
        for commune in communes:
            subjects.append(("commune", None, commune.id, commune))
        planned = sum(len(self._cert_years(area)) for _k, _u, _c, area in subjects)
        bar = self._bar(round(planned * 0.93), "Certifications")
        batch: list = []
        writer = RowWriter(SafetyCertification, CERTIFICATION_COLUMNS, batch_size=self.batch_size)

        def flush():
            self._insert(RecognitionDecision, pending_decisions)
            pending_decisions.clear()
            for row in batch:
                if row[DECISION_INDEX] is not None:
                    row[DECISION_INDEX] = row[DECISION_INDEX].pk
            self._write(writer, [tuple(row) for row in batch], bar)
            batch.clear()

        for subject_kind, unit_id, commune_id, area in subjects:
            years = self._cert_years(area)
            if not years or rng.random() >= PARTICIPATION.get(subject_kind, 0.9):
                continue
            first = years[0] if rng.random() < 0.8 else rng.choice(years)
            if area.is_legacy:
                issuer = self.areas[area.parent_id] if area.parent_id else area  # the district
            else:
                issuer = area if subject_kind != "commune" else self.areas[area.parent_id]
            for year in years:
                if year < first or rng.random() < 0.03:
                    continue
                period_kind, start, end, label = self._cert_period(subject_kind, year)
                criteria_set = criteria_set_for(subject_kind, end)
                if criteria_set is None:
                    continue
                group = "residential" if subject_kind == "residential_area" else "other"
                nominal = decision_day(group, year)
                if end > self.as_of:
                    status = _weighted(rng, STATUS_OPEN)
                elif nominal + datetime.timedelta(days=20) > self.as_of:
                    status = _weighted(rng, STATUS_REVIEWING)
                else:
                    status = _weighted(rng, STATUS_CLOSED)
                submitted_at = reviewed_at = recognised_at = revoked_at = None
                review_note = rejection_reason = revocation_reason = ""
                decision = None
                if status != "registered":
                    submitted = end - datetime.timedelta(days=rng.randrange(0, 25))
                    if end > self.as_of:
                        submitted = max(start, self.as_of - datetime.timedelta(days=rng.randrange(0, 60)))
                    submitted_at = self.at(self._cap(submitted), 8)
                if status in ("approved", "rejected", "recognised", "revoked"):
                    reviewed_at = self.at(self._cap(end + datetime.timedelta(days=rng.randrange(3, 25))), 14)
                    if status == "rejected":
                        rejection_reason = rng.choice(names.REJECTION_REASONS)
                    else:
                        review_note = rng.choice(names.REVIEW_NOTES)
                if status in ("recognised", "revoked"):
                    decision = decision_for(issuer, group, year)
                    recognised_at = self.at(decision.signed_on, 10)
                    if status == "revoked":
                        revoked = decision.signed_on + datetime.timedelta(days=rng.randrange(30, 200))
                        if revoked > self.as_of:
                            status = "recognised"
                        else:
                            revoked_at = self.at(revoked, 15)
                            revocation_reason = rng.choice(names.REVOCATION_REASONS)
                batch.append(
                    [
                        subject_kind,
                        unit_id,
                        commune_id,
                        area.id,
                        period_kind,
                        start,
                        end,
                        label,
                        year,
                        criteria_set,
                        status,
                        self.user.pk,
                        submitted_at,
                        reviewed_at,
                        review_note,
                        rejection_reason,
                        decision,
                        recognised_at,
                        revoked_at,
                        revocation_reason,
                    ]
                )
            if len(batch) >= self.batch_size:
                flush()
        flush()
        bar.close()

    # ------------------------------------------------------------------------------------------------------
    # Conferences

    def _conference_plan(self) -> list[dict]:
        """Every conference at scale 1, in a fixed order; the scale then keeps whole provinces (so that a
        province's, its districts' and its communes' reports of the same period stay together)."""
        rng = self.rng
        programmes = {p.code: p for p in Programme.objects.all()}
        plan: list[dict] = []

        def add(programme, kind, area, start, end, label, held, title):
            if programme is None or held > self.as_of or held < end - datetime.timedelta(days=400):
                return
            plan.append(
                {
                    "programme": programme,
                    "kind": kind,
                    "area": area,
                    "start": start,
                    "end": end,
                    "label": label,
                    "held": held,
                    "title": title,
                }
            )

        def days(low, high):
            return datetime.timedelta(days=rng.randrange(low, high))

        annual = programmes.get("TDBVANTQ-annual")
        for year in range(self.end_year - 10, self.end_year):
            legacy = year < REORG_YEAR
            provinces = self.legacy_provinces if legacy else self.new_provinces
            communes = self.legacy_communes if legacy else self.new_communes
            start, end = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
            if rng.random() < 0.1:
                end = datetime.date(year, 11, 30)
            areas = list(provinces)
            if legacy:
                areas += [d for d in self.legacy_districts if rng.random() < 0.85]
            wanted = min(len(communes), round(CONFERENCE_COMMUNES_PER_YEAR * max(1.0, self.scale)))
            areas += sorted(rng.sample(communes, wanted), key=lambda a: a.path)
            for area in areas:
                held = datetime.date(year, 12, 10) + days(0, 40)
                title = f"Hội nghị tổng kết phong trào toàn dân bảo vệ an ninh Tổ quốc năm {year} – {area.name}"
                add(annual, "annual_summary", area, start, end, str(year), held, title)

        ct07 = programmes.get("CT07-2014")
        review_start = datetime.date(2014, 8, 15)
        for year_end, label, kind, district_share, commune_count in (
            (2019, "2014-2019", "interim_review", 0.9, 600),
            (2024, "2014-2024", "final_review", 0.5, 0),
        ):
            end = datetime.date(year_end, 8, 15)
            areas = list(self.legacy_provinces) + [d for d in self.legacy_districts if rng.random() < district_share]
            if commune_count:
                areas += sorted(rng.sample(self.legacy_communes, commune_count), key=lambda a: a.path)
            word = "Sơ kết 5 năm" if kind == "interim_review" else "Tổng kết 10 năm"
            for area in areas:
                held = end + days(10, 70)
                title = f"{word} thực hiện Chỉ thị 07/CT-BCA-V28 ({label}) – {area.name}"
                add(ct07, kind, area, review_start, end, label, held, title)
        for year in range(2015, min(self.end_year, REORG_YEAR)):
            for area in self.legacy_provinces:
                if rng.random() < 0.5:
                    held = datetime.date(year, 12, 1) + days(0, 25)
                    title = f"Hội nghị chuyên đề thực hiện Chỉ thị 07/CT-BCA-V28 năm {year} – {area.name}"
                    add(
                        ct07,
                        "thematic",
                        area,
                        datetime.date(year, 1, 1),
                        datetime.date(year, 11, 30),
                        str(year),
                        held,
                        title,
                    )

        ct06 = programmes.get("CT06-2025")
        if self.end_year >= REORG_YEAR:
            start, end = datetime.date(2025, 5, 7), datetime.date(2025, 8, 31)
            areas = list(self.new_provinces) + sorted(rng.sample(self.new_communes, 700), key=lambda a: a.path)
            for area in areas:
                held = end + days(5, 40)
                title = f"Hội nghị triển khai Chỉ thị 06/CT-BCA-V05 – {area.name}"
                add(ct06, "launch", area, start, end, "2025", held, title)

        if self.scale >= 1:
            return plan
        # Keep whole provinces (by today's province), in a seeded order, until the scaled count is reached.
        wanted = max(1, round(len(plan) * self.scale))
        clusters: dict[int, list[dict]] = defaultdict(list)
        for item in plan:
            clusters[item["area"].current_province_id or item["area"].id].append(item)
        order = sorted(clusters)
        rng.shuffle(order)
        kept: list[dict] = []
        for key in order:
            # by path: the province's own reports, then each district followed by its communes
            items = sorted(clusters[key], key=lambda i: (i["area"].path, i["end"], i["title"]))
            kept.extend(items[: wanted - len(kept)])
            if len(kept) >= wanted:
                break
        return kept

    def generate_conferences(self) -> dict:
        """Returns {(area id, year): [published conference ids]} for the award decisions."""
        plan = self._conference_plan()
        indicators = list(
            Indicator.objects.filter(is_active=True).prefetch_related("breakdowns").order_by("rank", "code")
        )
        allowed = {i.id: [b.code for b in i.breakdowns.all()] for i in indicators}
        authorities = {a.code: a for a in IssuingAuthority.objects.prefetch_related("forms")}
        may_issue = {code: {f.code for f in a.forms.all()} for code, a in authorities.items()}
        forms = {f.code: f for f in AwardForm.objects.all()}

        bar = self._bar(len(plan), "Conferences")
        published: dict[tuple, list[int]] = defaultdict(list)
        figure_writer = RowWriter(IndicatorValue, FIGURE_COLUMNS, batch_size=self.batch_size)
        tally_writer = RowWriter(AwardTally, TALLY_COLUMNS, batch_size=self.batch_size)
        document_writer = RowWriter(SourceDocument, DOCUMENT_COLUMNS, batch_size=self.batch_size)
        transition_writer = RowWriter(ConferenceTransition, TRANSITION_COLUMNS, batch_size=self.batch_size)
        for start in range(0, len(plan), 1_000):
            items = plan[start : start + 1_000]
            conferences, figures_of, tallies_of, documents_of, transitions_of = [], [], [], [], []
            for item in items:
                conference = self._conference(item)
                figures = self._figures(item, indicators, allowed)
                tallies = self._tallies(item, authorities, may_issue, forms)
                conferences.append(conference)
                figures_of.append(figures)
                tallies_of.append(tallies)
                transitions_of.append(self._transitions(conference))
                documents_of.append(self._document(conference, figures))
            self._insert(Conference, conferences)
            rows_f, rows_t, rows_d, rows_tr = [], [], [], []
            for conference, figures, tallies, document, transitions in zip(
                conferences, figures_of, tallies_of, documents_of, transitions_of, strict=True
            ):
                key = (conference.pk,)
                rows_f += [key + row for row in figures]
                rows_t += [key + row for row in tallies]
                rows_tr += [key + row for row in transitions]
                if document is not None:
                    rows_d.append(key + document)
                if conference.status == Conference.Status.PUBLISHED:
                    published[(conference.area_id, conference.period_end.year)].append(conference.pk)
            self._write(figure_writer, rows_f)
            self._write(tally_writer, rows_t)
            self._write(document_writer, rows_d)
            self._write(transition_writer, rows_tr)
            bar.update(len(items))
        bar.close()
        return published

    def _conference(self, item: dict) -> Conference:
        rng = self.rng
        area: Area = item["area"]
        held: datetime.date = item["held"]
        recent = (self.as_of - held).days <= 60
        status = _weighted(rng, CONFERENCE_STATUS_RECENT if recent else CONFERENCE_STATUS_OLD)
        organiser = f"Ban Chỉ đạo 138 {area.name}" if area.level != "commune" else f"UBND {area.name}"
        conference = Conference(
            programme=item["programme"],
            kind=item["kind"],
            title=item["title"],
            area_id=area.id,
            organiser=organiser,
            held_on=held,
            period_start=item["start"],
            period_end=item["end"],
            period_label=item["label"],
            chaired_by=f"{rng.choice(names.SURNAMES)} {rng.choice(names.MIDDLE_NAMES)} {rng.choice(names.GIVEN_NAMES)}",
            status=status,
            version=1,
            created_by=self.user,
            search_name=fold(f"{item['title']} {organiser}")[:400],
        )
        step = held
        if status != Conference.Status.DRAFT:
            step = self._cap(step + datetime.timedelta(days=rng.randrange(2, 10)))
            conference.submitted_at = self.at(step, 9)
            conference.version += 1
        if status in (Conference.Status.APPROVED, Conference.Status.PUBLISHED):
            step = self._cap(step + datetime.timedelta(days=rng.randrange(1, 7)))
            conference.approved_at = self.at(step, 14)
            conference.version += 1
        if status == Conference.Status.PUBLISHED:
            step = self._cap(step + datetime.timedelta(days=rng.randrange(0, 5)))
            conference.published_at = self.at(step, 16)
            conference.version += 1
        if status == Conference.Status.RETURNED:
            conference.return_reason = "Đề nghị bổ sung số liệu và nguồn."
            conference.version += 1
        return conference

    def _transitions(self, conference: Conference) -> list[tuple]:
        """(from, to, when, reason) rows."""
        rows = [("", "draft", self.at(conference.held_on, 8), "")]
        chain = [("draft", "submitted", conference.submitted_at), ("submitted", "approved", conference.approved_at)]
        chain.append(("approved", "published", conference.published_at))
        for from_status, to_status, moment in chain:
            if moment is None:
                break
            rows.append((from_status, to_status, moment, ""))
        if conference.status == Conference.Status.RETURNED:
            rows.append(("draft", "submitted", self.at(conference.held_on, 10), ""))
            rows.append(("submitted", "returned", self.at(conference.held_on, 15), conference.return_reason))
        return rows

    def _figures(self, item: dict, indicators, allowed) -> list[tuple]:
        """(indicator, breakdown, value, out_of, qualifier, source excerpt) rows."""
        rng = self.rng
        area: Area = item["area"]
        level = "launch" if item["kind"] == "launch" else area.level
        factor = LEVEL_FACTOR[area.level] * (0.3 if item["kind"] == "launch" else 1.0)
        years = max(1.0, (item["end"] - item["start"]).days / 365.0)
        # Weighted sample without replacement (Efraimidis-Spirakis keys).
        keyed = sorted(
            indicators,
            key=lambda i: -(rng.random() ** (1.0 / INDICATOR_PROFILE.get(i.code, (100, 2))[1])),
        )
        chosen = keyed[: INDICATORS_PER_REPORT[level]]
        rows: list[tuple] = []
        for indicator in chosen:
            base = INDICATOR_PROFILE.get(indicator.code, (100, 2))[0]
            breakdowns = [b for b in allowed[indicator.id] if area.level == "province" or b not in AREA_KIND_BREAKDOWNS]
            parts = []
            if indicator.allows_total and (not breakdowns or rng.random() < 0.8):
                parts.append(("", 1.0))
            if breakdowns:
                for code in rng.sample(breakdowns, min(len(breakdowns), rng.choice((0, 1, 2, 2)))):
                    parts.append((code, rng.uniform(0.1, 0.5)))
            if not parts and breakdowns:
                parts.append((rng.choice(breakdowns), rng.uniform(0.1, 0.5)))
            for code, share in parts:
                raw = base * factor * years * share * rng.lognormvariate(0, 0.35)
                qualifier = _weighted(rng, QUALIFIERS)
                value = self._round(raw, indicator.allows_decimals, qualifier)
                out_of = None
                if indicator.takes_out_of and rng.random() < 0.85:
                    out_of = self._round(
                        float(value) / rng.uniform(0.72, 0.99), indicator.allows_decimals, Qualifier.EXACT
                    )
                    out_of = max(out_of, value)
                    qualifier = Qualifier.EXACT if rng.random() < 0.9 else qualifier
                excerpt = self._excerpt(value, out_of, qualifier, indicator)
                rows.append((indicator.id, code, value, out_of, str(qualifier), excerpt))
        return rows

    @staticmethod
    def _round(raw: float, decimals: bool, qualifier: str) -> Decimal:
        if decimals:
            return Decimal(str(round(max(raw, 0.1), 1)))
        value = max(1, int(round(raw)))
        if qualifier != Qualifier.EXACT and value >= 100:
            magnitude = 10 ** (int(math.log10(value)) - 1)
            value = (value // magnitude) * magnitude
        return Decimal(value)

    @staticmethod
    def _excerpt(value: Decimal, out_of, qualifier: str, indicator) -> str:
        word = {"more_than": "hơn ", "nearly": "gần ", "about": "khoảng "}.get(qualifier, "")
        number = f"{value:,}".replace(",", ".")
        if out_of is not None:
            number += f"/{out_of:,}".replace(",", ".")
        return f"{word}{number} {indicator.unit_vi}"

    def _tallies(self, item: dict, authorities, may_issue, forms) -> list[tuple]:
        """(issuer, form, recipient kind, count, qualifier, source excerpt) rows."""
        rng = self.rng
        area: Area = item["area"]
        options: list[tuple[str, str, str]] = []
        if area.level == "province":
            options = [
                ("provincial_chair", "certificate_of_merit", "collective"),
                ("provincial_chair", "certificate_of_merit", "individual"),
                ("provincial_chair", "emulation_flag", "collective"),
                ("provincial_police_director", "letter_of_commendation", "collective"),
                ("provincial_police_director", "letter_of_commendation", "individual"),
            ]
            if item["kind"] in ("interim_review", "final_review"):
                options.append(("ministry_of_public_security", "certificate_of_merit", "collective"))
            wanted = rng.randint(1, 4)
        elif area.level == "district":
            options = [
                ("district_chair", "letter_of_commendation", "collective"),
                ("district_chair", "letter_of_commendation", "individual"),
            ]
            wanted = rng.randint(0, 2)
        else:
            options = [("commune_chair", "letter_of_commendation", "collective")]
            wanted = 1 if rng.random() < 0.3 else 0
        rows = []
        for issuer, form, kind in rng.sample(options, min(wanted, len(options))):
            authority = authorities.get(issuer)
            if authority is None or form not in may_issue[issuer] or not authority.is_valid_on(item["held"]):
                continue
            qualifier = Qualifier.EXACT if rng.random() < 0.9 else Qualifier.MORE_THAN
            count = rng.randint(2, 60) if area.level == "province" else rng.randint(1, 15)
            excerpt = f"{count} {'tập thể' if kind == 'collective' else 'cá nhân'} được tặng {forms[form].name_vi}"
            rows.append((authority.id, forms[form].id, kind, count, str(qualifier), excerpt))
        return rows

    def _document(self, conference: Conference, figures) -> tuple | None:
        """(title, publisher, published on, full text), for a published report."""
        if conference.status != Conference.Status.PUBLISHED:
            return None
        text = "; ".join(f[5] for f in figures[:30])
        return (
            f"Báo cáo: {conference.title}",
            self.rng.choice(names.NEWSPAPERS),
            conference.published_at.date(),
            f"{conference.title}. Kết quả: {text}.",
        )

    # ------------------------------------------------------------------------------------------------------
    # Award decisions

    def generate_award_decisions(self, units: Units, published: dict) -> None:
        from awards.models import AwardDecision, AwardRecipient

        rng = self.rng
        wanted = max(1, round(DECISIONS * self.scale))
        authorities = {a.code: a for a in IssuingAuthority.objects.prefetch_related("forms")}
        may_issue = {code: {f.code for f in a.forms.all()} for code, a in authorities.items()}
        forms = {f.code: f for f in AwardForm.objects.all()}
        programmes = {p.code: p for p in Programme.objects.all()}
        first_day = datetime.date(self.end_year - 9, 1, 1)
        span = (self.as_of - first_day).days

        bar = self._bar(wanted, "Award decisions")
        writer = RowWriter(AwardRecipient, RECIPIENT_COLUMNS, batch_size=self.batch_size)
        done = 0
        numbers: Counter = Counter()
        while done < wanted:
            chunk = min(1_000, wanted - done)
            decisions, recipients_of = [], []
            for _i in range(chunk):
                signed = first_day + datetime.timedelta(days=rng.randrange(0, span + 1))
                decision, recipients = self._decision(
                    signed, units, published, authorities, may_issue, forms, programmes, numbers
                )
                decisions.append(decision)
                recipients_of.append(recipients)
            self._insert(AwardDecision, decisions)
            rows = []
            for decision, recipients in zip(decisions, recipients_of, strict=True):
                rows += [(decision.pk, *recipient) for recipient in recipients]
            self._write(writer, rows)
            done += chunk
            bar.update(chunk)
        bar.close()

    def _decision(self, signed, units, published, authorities, may_issue, forms, programmes, numbers):
        from awards.models import AwardDecision

        rng = self.rng
        legacy = signed < REORGANISATION
        roll = rng.random()
        if roll < 0.03:
            level, issuer, form = "central", "minister_of_public_security", "certificate_of_merit"
        elif roll < 0.25:
            level = "province"
            issuer, form = rng.choice(
                [
                    ("provincial_chair", "certificate_of_merit"),
                    ("provincial_chair", "emulation_flag"),
                    ("provincial_police_director", "letter_of_commendation"),
                ]
            )
        elif roll < 0.60 and legacy:
            level, issuer, form = "district", "district_chair", "letter_of_commendation"
        else:
            level, issuer, form = "commune", "commune_chair", "letter_of_commendation"
        if form not in may_issue.get(issuer, set()):
            form = sorted(may_issue.get(issuer, {"certificate_of_merit"}))[0]
        if level in ("central", "province"):
            area = rng.choice(self.legacy_provinces if legacy else self.new_provinces)
        elif level == "district":
            area = rng.choice(self.legacy_districts)
        else:
            area = rng.choice(self.legacy_communes if legacy else self.new_communes)
        status_roll = rng.random()
        status = "issued" if status_roll < 0.90 else ("draft" if status_roll < 0.96 else "annulled")
        year = signed.year
        numbers[(area.id, year)] += 1
        programme = programmes.get("TDBVANTQ-annual") if rng.random() < 0.7 else programmes.get("CT07-2014")
        conference_id = None
        candidates = published.get((area.id, year - 1)) or published.get((area.id, year))
        if candidates and rng.random() < 0.5:
            conference_id = rng.choice(candidates)
        achievement = rng.choice(names.ACHIEVEMENTS).format(year=year - 1, period="2014-2019")
        decision = AwardDecision(
            number=f"{numbers[(area.id, year)] * 13 + 20}/QĐ-{'BCA' if level == 'central' else 'UBND'}",
            signed_on=signed,
            issuing_authority=authorities[issuer],
            signer_name=f"{rng.choice(names.SURNAMES)} {rng.choice(names.MIDDLE_NAMES)} {rng.choice(names.GIVEN_NAMES)}",
            signer_title=authorities[issuer].name_vi,
            form=forms[form],
            achievement=achievement,
            area_id=area.id,
            programme=programme,
            conference_id=conference_id,
            period_from=year - 1,
            period_to=year - 1,
            status=status,
            created_by=self.user,
            version=1 if status == "draft" else 2,
        )
        if status in ("issued", "annulled"):
            decision.issued_at = self.at(signed, 16)
        if status == "annulled":
            decision.annulled_at = self.at(self._cap(signed + datetime.timedelta(days=rng.randrange(5, 90))), 10)
            decision.annulment_reason = rng.choice(names.ANNULMENT_REASONS)
            decision.version = 3
        low, high = _weighted(rng, DECISION_RECIPIENTS)
        count = rng.randint(low, high)
        pool = self._units_under(area, units)
        recipients = []
        for order in range(1, count + 1):
            if pool and rng.random() < 0.5:
                index = rng.choice(pool)
                recipients.append((order, "collective", units.names[index], "", units.ids[index], units.areas[index]))
            else:
                person = (
                    f"{rng.choice(names.SURNAMES)} {rng.choice(names.MIDDLE_NAMES)} {rng.choice(names.GIVEN_NAMES)}"
                )
                recipients.append((order, "individual", person, rng.choice(names.TITLES), None, area.id))
        return decision, recipients

    def _units_under(self, area: Area, units: Units) -> list[int]:
        """Indexes of units in the area (a few communes' worth for a province or a district)."""
        if area.level == "commune":
            return units.by_area.get(area.id, [])
        communes = []
        stack = [area]
        while stack:
            node = stack.pop()
            if node.level == "commune":
                communes.append(node)
            stack.extend(node.children)
        communes.sort(key=lambda c: c.path)
        pool: list[int] = []
        for commune in self.rng.sample(communes, min(5, len(communes))):
            pool.extend(units.by_area.get(commune.id, []))
        return pool
