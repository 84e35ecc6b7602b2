"""Calls from the base app to the apps built on it, without importing them (movement imports neither
reports nor awards): an app registers a function in its AppConfig.ready(), and movement's services call
the registered functions inside their own transaction.

- `units_changed(areas=…)`: units were created or changed in these administrative units (reports keeps
  the record counts of the dashboards, e.g. the units the safety standard applies to, as summary rows)."""

_UNITS_CHANGED: list = []


def on_units_changed(function) -> None:
    if function not in _UNITS_CHANGED:
        _UNITS_CHANGED.append(function)


def units_changed(*, areas) -> None:
    areas = [area for area in areas if area is not None]
    for function in list(_UNITS_CHANGED):
        function(areas=areas)
