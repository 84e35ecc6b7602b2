"""The portal's URLs plus the bench's bare views (used by bench/run_bench.py only)."""

from django.urls import path

from bench import bare
from config.urls import handler404, handler500  # noqa: F401
from config.urls import urlpatterns as portal

urlpatterns = [
    path("bench/bare/programme-review/", bare.programme_review),
    path("bench/bare/annual/", bare.annual),
    *portal,
]
