"""Record-based counts for the dashboards, without `reports` importing `awards`.

Apps that keep records (awards: certifications, award decisions) register a provider here in their
AppConfig.ready(); the dashboards (reports) call `collect()` and show the computed counts beside the
reported figures, each labelled "computed from records".

A provider is a callable `provider(*, year_from: int, year_to: int, path_prefix: str = "")` returning an
iterable of `RecordCount`, aggregated by the **province as recorded** (the province-level ancestor of the
record's administrative unit, legacy or 2025; `province_path` is its materialised path such as "L44/" or
"N44/"), by year and by breakdown. It must run a bounded number of queries whatever the data size.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class RecordCount:
    metric: str  # e.g. "safety_certified", "safety_registered", "awards"
    breakdown: str  # e.g. "residential_area", "school", "commune"; awards: "<form>:<recipient_kind>"
    province_path: str  # path of the province as recorded, e.g. "L44/"
    year: int  # assessment year / year the decision was signed
    value: int
    out_of: int | None = None  # denominator where the metric is a ratio (certified out of registered)
    label: str = ""  # human-readable label: a lazy translation (read in each language), or a str


Provider = Callable[..., Iterable[RecordCount]]
_PROVIDERS: dict[str, Provider] = {}
_READS_UNITS: set[str] = set()


def register(name: str, provider: Provider, *, reads_units: bool = False) -> None:
    """reads_units: the counts change when units change (asked again on movement.hooks.units_changed)."""
    _PROVIDERS[name] = provider
    if reads_units:
        _READS_UNITS.add(name)
    else:
        _READS_UNITS.discard(name)


def reads_units() -> set[str]:
    return set(_READS_UNITS)


def providers() -> dict[str, Provider]:
    return dict(_PROVIDERS)


def collect(*, year_from: int, year_to: int, path_prefix: str = "") -> list[RecordCount]:
    """Every provider's counts. Providers whose counts are kept as summary rows (reports.rollups, from their
    first rebuild by `manage.py recompute_summaries` on) are read from those rows for the whole country or a
    province; the others are called."""
    if not _PROVIDERS:
        return []
    from reports import rollups  # rollups imports this module

    stored = set(rollups.maintained_sources()) & set(_PROVIDERS) if rollups.serves_records(path_prefix) else set()
    counts: list[RecordCount] = []
    for name, provider in _PROVIDERS.items():
        if name not in stored:
            counts.extend(provider(year_from=year_from, year_to=year_to, path_prefix=path_prefix))
    if stored:
        counts.extend(
            rollups.record_counts(sources=stored, year_from=year_from, year_to=year_to, path_prefix=path_prefix)
        )
    return counts
