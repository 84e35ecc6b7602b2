"""Navigation items contributed by each app (its optional navigation.nav_items(request))."""

from importlib import import_module

from django.apps import apps


def portal_nav(request):
    items = []
    for config in apps.get_app_configs():
        try:
            module = import_module(f"{config.name}.navigation")
        except ModuleNotFoundError as exc:
            if exc.name != f"{config.name}.navigation":
                raise
            continue
        items.extend(module.nav_items(request))
    return {"portal_nav": items}
