"""Build the engine's in-memory catalogue from the synonym tables (a handful of queries), and check codes
against the reports catalogue."""

from django.apps import apps

from extraction.engine import (
    BreakdownPhrase,
    Catalogue,
    FormPhrase,
    IndicatorPhrase,
    IssuerPhrase,
    ProgrammeInfo,
    ProgrammePhrase,
)


def _codes(model_name: str) -> set[str] | None:
    try:
        model = apps.get_model("reports", model_name)
    except LookupError:
        return None
    return set(model.objects.values_list("code", flat=True))


def known_indicator_codes() -> set[str] | None:
    """Codes of the reports indicator catalogue (None when that catalogue does not exist)."""
    return _codes("Indicator")


def known_breakdown_codes() -> set[str] | None:
    return _codes("Breakdown")


_compiled: dict[int, Catalogue] = {}


def catalogue_from_db() -> Catalogue:
    """The active synonyms, keeping only codes the reports catalogue knows (eight queries). The compiled
    catalogue is reused while the rows stay the same, so an edit in the admin takes effect at once."""
    from extraction.models import (
        AwardFormSynonym,
        BreakdownSynonym,
        IndicatorSynonym,
        IssuerSynonym,
        ProgrammeSynonym,
    )
    from reports.models import Programme

    indicators = known_indicator_codes()
    breakdowns = known_breakdown_codes()
    rows = (
        tuple(
            (phrase, code, position, after, measure)
            for phrase, code, position, after, measure in IndicatorSynonym.objects.filter(is_active=True)
            .order_by("pk")
            .values_list("phrase", "indicator_code", "position", "after_indicator_code", "measure")
            if indicators is None or (code in indicators and (not after or after in indicators))
        ),
        tuple(
            row
            for row in BreakdownSynonym.objects.filter(is_active=True)
            .order_by("pk")
            .values_list("phrase", "breakdown_code", "matches_inside")
            if breakdowns is None or not row[1] or row[1] in breakdowns
        ),
        tuple(IssuerSynonym.objects.filter(is_active=True).order_by("pk").values_list("phrase", "issuer__code")),
        tuple(AwardFormSynonym.objects.filter(is_active=True).order_by("pk").values_list("phrase", "form__code")),
        tuple(
            ProgrammeSynonym.objects.filter(is_active=True)
            .order_by("pk")
            .values_list("phrase", "programme__code", "priority")
        ),
        tuple(Programme.objects.order_by("pk").values_list("code", "issued_on", "review_period_years", "is_recurring")),
    )
    key = hash(rows)
    catalogue = _compiled.get(key)
    if catalogue is None:
        indicator_rows, breakdown_rows, issuer_rows, form_rows, programme_rows, programme_info = rows
        catalogue = Catalogue(
            indicators=[IndicatorPhrase(*row) for row in indicator_rows],
            breakdowns=[BreakdownPhrase(*row) for row in breakdown_rows],
            issuers=[IssuerPhrase(phrase, code or "") for phrase, code in issuer_rows],
            forms=[FormPhrase(*row) for row in form_rows],
            programmes=[ProgrammePhrase(*row) for row in programme_rows],
            programme_info={row[0]: ProgrammeInfo(*row) for row in programme_info},
        )
        _compiled.clear()
        _compiled[key] = catalogue
    return catalogue


def default_catalogue() -> Catalogue:
    """The catalogue as seeded by the data migration, without a database (for unit tests and benchmarks)."""
    import datetime
    from importlib import import_module

    seed = import_module("extraction.migrations.0002_seed_synonyms")
    clerk = import_module("extraction.migrations.0003_seed_clerk_synonyms")
    programmes = import_module("reports.migrations.0002_seed_catalogues").PROGRAMMES
    return Catalogue(
        indicators=[IndicatorPhrase(*row) for row in [*seed.indicator_rows(), *clerk.indicator_rows()]],
        breakdowns=[BreakdownPhrase(*row) for row in seed.BREAKDOWNS],
        issuers=[IssuerPhrase(phrase, code or "") for code, phrases in seed.ISSUERS for phrase in phrases],
        forms=[FormPhrase(phrase, code) for code, phrases in seed.FORMS for phrase in phrases],
        programmes=[
            ProgrammePhrase(phrase, code, priority) for code, priority, phrases in seed.PROGRAMMES for phrase in phrases
        ],
        programme_info={
            row[0]: ProgrammeInfo(row[0], row[5] if isinstance(row[5], datetime.date) else None, row[6], row[7])
            for row in programmes
        },
    )
