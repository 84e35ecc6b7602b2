"""API routes of this app; config/api.py calls register() on the one router.

/api/v1/programmes/, /api/v1/indicators/, /api/v1/breakdowns/ (public reference data, by id or code);
/api/v1/conferences/ with actions submit, approve, return, publish, reopen, history, and the nested
figures/, figures/{id}/, tallies/, tallies/{id}/, sources/."""

from reports.api.views import BreakdownViewSet, ConferenceViewSet, IndicatorViewSet, ProgrammeViewSet


def register(router) -> None:
    router.register("programmes", ProgrammeViewSet, basename="programme")
    router.register("indicators", IndicatorViewSet, basename="indicator")
    router.register("breakdowns", BreakdownViewSet, basename="breakdown")
    router.register("conferences", ConferenceViewSet, basename="conference")
