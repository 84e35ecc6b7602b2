"""Summary rows: what the dashboards read instead of scanning every figure, tally and record.

Derived data, kept fresh by reports/rollups.py in the same transaction as the write that changes them
(publishing or reopening a conference, a certification or an award decision changing, a unit changing),
and rebuilt from scratch by `manage.py recompute_summaries` (which reports any difference; there must be
none). They are not edited by hand nor shown in the admin (so their names are not translated), and the
foreign keys carry no database constraint: a row refers to published data, which cannot be deleted while
published.

**Review windows.** A summary covers the conferences whose reporting period lies within the years
[Y1, Y2] (reports.summaries). A figure counts in a window unless another figure of the same programme,
indicator and breakdown, reported for an area containing its own and for a period containing its own,
lies within the window too (the "no double counting" rule). Which windows a figure counts in depends only
on the years of its period and of the periods of the figures covering it, so each figure is stored with
the windows in which it counts, as at most a few rectangles
`window_start_min ≤ Y1 ≤ window_start_max and window_end_min ≤ Y2 ≤ window_end_max`
(one rectangle for a figure nothing covers: Y1 up to its first year, Y2 from its last year). This holds for
the national and provincial summaries; the summaries of a district or commune, whose data is small, are
computed from the figures directly."""

from django.db import models
from django.db.models.functions import Coalesce

# Foreign keys of derived rows: no database constraint, no cascade, no index of their own (the indexes
# below are the ones the queries use), never a reverse accessor.
_REF = {"on_delete": models.DO_NOTHING, "db_constraint": False, "db_index": False, "related_name": "+"}

__all__ = [
    "FigureSource",
    "FigureSummary",
    "RecordCountSummary",
    "RecordSourceState",
    "SummaryPart",
    "SummaryVersion",
    "TallySource",
    "TallySummary",
]


class SummaryVersion(models.Model):
    """One row whose number changes, in the same transaction, with every write that changes a published
    summary: the cache of public summaries is keyed by it, so no reader gets a copy older than the data."""

    version = models.PositiveBigIntegerField(default=0)
    changed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "summary version"
        verbose_name_plural = "summary versions"

    def __str__(self):
        return str(self.version)


class SummaryPart(models.Model):
    """The version of one part of the summaries: a scope ("programme:CT07-2014" for the published conferences
    of a programme, "records:awards.certifications" for a record provider's counts), a province (its path,
    as recorded or today's) and a year (0: every year). Written in the same transaction as the change.

    - **Lock.** The row of (scope, province as recorded, year 0) is locked (SELECT … FOR UPDATE) before a
      writer reads what it recomputes (reports.rollups), so two writers of one cell run one after the other.
    - **Cache keys.** A cached summary is keyed by the count and the sum of the versions of the parts it
      reads (reports.summary_cache): a change elsewhere (another province, another year, another
      programme) leaves it valid. Versions only grow and rows are never deleted, so any change moves the sum."""

    scope = models.CharField(max_length=100)
    province_path = models.CharField(max_length=8)
    year = models.SmallIntegerField(default=0)
    version = models.PositiveBigIntegerField(default=0)
    changed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "summary part"
        verbose_name_plural = "summary parts"
        constraints = [
            models.UniqueConstraint(fields=["scope", "province_path", "year"], name="summarypart_unique"),
        ]
        indexes = [models.Index(fields=["scope", "year"], name="summarypart_scope_year")]

    def __str__(self):
        return f"{self.scope} {self.province_path} {self.year}: {self.version}"


class _Place(models.Model):
    """Where the rows were reported: the province as recorded ("L44/", "N44/"), the first two levels of the
    area's path (the rows of a national or provincial table: "L44/445/", or "L44/" for the province's own
    report), and today's province."""

    province_path = models.CharField(max_length=8)
    area_key = models.CharField(max_length=24)
    current_province = models.ForeignKey("movement.AdministrativeUnit", null=True, **_REF)

    class Meta:
        abstract = True


class _Window(models.Model):
    window_start_min = models.SmallIntegerField()
    window_start_max = models.SmallIntegerField()
    window_end_min = models.SmallIntegerField()
    window_end_max = models.SmallIntegerField()

    class Meta:
        abstract = True


class FigureSummary(_Place, _Window):
    """Reported figures added up per programme, indicator, breakdown, qualifier, area, year (of the end of
    the reported period) and review windows."""

    programme = models.ForeignKey("reports.Programme", **_REF)
    indicator = models.ForeignKey("reports.Indicator", **_REF)
    breakdown = models.CharField(max_length=40, blank=True)
    qualifier = models.CharField(max_length=10)
    year = models.SmallIntegerField()
    value_total = models.DecimalField(max_digits=22, decimal_places=3)
    ratio_value_total = models.DecimalField(max_digits=22, decimal_places=3)
    out_of_total = models.DecimalField(max_digits=22, decimal_places=3, null=True)
    parts = models.PositiveIntegerField()
    ratio_parts = models.PositiveIntegerField()

    class Meta:
        verbose_name = "figure summary row"
        verbose_name_plural = "figure summary rows"
        indexes = [
            models.Index(fields=["programme", "window_start_max", "window_end_min"], name="figsum_programme_window"),
            models.Index(fields=["window_start_max", "window_end_min"], name="figsum_window"),
            models.Index(fields=["province_path", "window_start_max"], name="figsum_province"),
            models.Index(fields=["current_province", "window_start_max"], name="figsum_current"),
            models.Index(fields=["programme", "province_path", "indicator", "breakdown"], name="figsum_cell"),
        ]
        constraints = [  # one row per cell, place, year and window (writers of a cell are serialised)
            models.UniqueConstraint(
                "programme",
                "indicator",
                "breakdown",
                "qualifier",
                "province_path",
                "area_key",
                Coalesce("current_province", 0),
                "year",
                "window_start_min",
                "window_start_max",
                "window_end_min",
                "window_end_max",
                name="figsum_unique",
            ),
        ]

    def __str__(self):
        return f"{self.indicator_id} {self.breakdown} {self.area_key} {self.year}: {self.value_total}"


class FigureSource(_Place, _Window):
    """One figure that counts in the review windows given: the provenance of the summary numbers (the
    latest SOURCE_LIMIT figures of each number, read through this table's indexes)."""

    figure = models.ForeignKey("reports.IndicatorValue", **_REF)
    conference = models.ForeignKey("reports.Conference", **_REF)
    programme = models.ForeignKey("reports.Programme", **_REF)
    indicator = models.ForeignKey("reports.Indicator", **_REF)
    breakdown = models.CharField(max_length=40, blank=True)
    year = models.SmallIntegerField()
    period_end = models.DateField()

    class Meta:
        verbose_name = "figure source row"
        verbose_name_plural = "figure source rows"
        indexes = [
            models.Index(fields=["programme", "window_start_max", "window_end_min"], name="figsrc_programme_window"),
            models.Index(fields=["window_start_max", "window_end_min"], name="figsrc_window"),
            models.Index(fields=["province_path", "window_start_max"], name="figsrc_province"),
            models.Index(fields=["current_province", "window_start_max"], name="figsrc_current"),
            models.Index(fields=["programme", "province_path", "indicator", "breakdown"], name="figsrc_cell"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["figure", "window_start_min", "window_start_max", "window_end_min", "window_end_max"],
                name="figsrc_unique",
            ),
        ]

    def __str__(self):
        return f"figure {self.figure_id}"


class TallySummary(_Place):
    """Award tallies added up per programme, issuer, form, recipient kind, qualifier, area and period years
    (tallies are never merged across conferences, so a tally counts wherever its period lies)."""

    programme = models.ForeignKey("reports.Programme", **_REF)
    issuer = models.ForeignKey("reports.IssuingAuthority", **_REF)
    form = models.ForeignKey("reports.AwardForm", **_REF)
    recipient_kind = models.CharField(max_length=12)
    qualifier = models.CharField(max_length=10)
    first_year = models.SmallIntegerField()
    year = models.SmallIntegerField()
    count_total = models.PositiveBigIntegerField()
    parts = models.PositiveIntegerField()

    class Meta:
        verbose_name = "tally summary row"
        verbose_name_plural = "tally summary rows"
        indexes = [
            models.Index(fields=["programme", "first_year", "year"], name="tallysum_programme_years"),
            models.Index(fields=["first_year", "year"], name="tallysum_years"),
            models.Index(fields=["province_path", "first_year"], name="tallysum_province"),
            models.Index(fields=["current_province", "first_year"], name="tallysum_current"),
        ]
        constraints = [
            models.UniqueConstraint(
                "programme",
                "issuer",
                "form",
                "recipient_kind",
                "qualifier",
                "province_path",
                "area_key",
                Coalesce("current_province", 0),
                "first_year",
                "year",
                name="tallysum_unique",
            ),
        ]

    def __str__(self):
        return f"{self.form_id} {self.recipient_kind} {self.area_key} {self.year}: {self.count_total}"


class TallySource(_Place):
    """One published tally, with what its provenance query needs."""

    tally = models.ForeignKey("reports.AwardTally", **_REF)
    conference = models.ForeignKey("reports.Conference", **_REF)
    programme = models.ForeignKey("reports.Programme", **_REF)
    issuer = models.ForeignKey("reports.IssuingAuthority", **_REF)
    form = models.ForeignKey("reports.AwardForm", **_REF)
    recipient_kind = models.CharField(max_length=12)
    first_year = models.SmallIntegerField()
    year = models.SmallIntegerField()
    period_end = models.DateField()

    class Meta:
        verbose_name = "tally source row"
        verbose_name_plural = "tally source rows"
        indexes = [
            models.Index(fields=["programme", "first_year", "year"], name="tallysrc_programme_years"),
            models.Index(fields=["first_year", "year"], name="tallysrc_years"),
            models.Index(fields=["province_path", "first_year"], name="tallysrc_province"),
            models.Index(fields=["current_province", "first_year"], name="tallysrc_current"),
            models.Index(fields=["conference"], name="tallysrc_conference"),
        ]
        constraints = [models.UniqueConstraint(fields=["tally"], name="tallysrc_unique")]

    def __str__(self):
        return f"tally {self.tally_id}"


class RecordSourceState(models.Model):
    """A record-count provider (reports.record_sources) whose counts are kept as summary rows: from its
    first rebuild on, the summaries read RecordCountSummary instead of calling it."""

    source = models.CharField(max_length=80, unique=True)
    repeats_every_year = models.BooleanField(default=False)
    built_at = models.DateTimeField()

    class Meta:
        verbose_name = "record source state"
        verbose_name_plural = "record source states"

    def __str__(self):
        return self.source


class RecordCountSummary(models.Model):
    """A provider's count for one province as recorded, year (NULL: the same for every year) and breakdown,
    with its label in each language."""

    source = models.CharField(max_length=80)
    metric = models.CharField(max_length=40)
    breakdown = models.CharField(max_length=120)
    province_path = models.CharField(max_length=8)
    year = models.SmallIntegerField(null=True)
    value = models.BigIntegerField()
    out_of = models.BigIntegerField(null=True)
    labels = models.JSONField(default=dict)

    class Meta:
        verbose_name = "record count row"
        verbose_name_plural = "record count rows"
        indexes = [
            models.Index(fields=["year", "province_path"], name="recordsum_year"),
            models.Index(fields=["source", "province_path", "year"], name="recordsum_source"),
        ]
        constraints = [
            models.UniqueConstraint(
                "source", "metric", "breakdown", "province_path", Coalesce("year", -1), name="recordsum_unique"
            ),
        ]

    def __str__(self):
        return f"{self.source} {self.metric} {self.province_path} {self.year}: {self.value}"
