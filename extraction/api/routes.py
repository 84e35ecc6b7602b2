"""API routes of this app; config/api.py calls register() on the one router."""


def register(router) -> None:
    pass
