"""Test settings: the base settings with fast password hashing."""

from .base import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# django-axes stays on; this backend only lets Django's test Client.login() (which calls authenticate()
# without a request) through, and behaves exactly like axes' own backend otherwise.
AUTHENTICATION_BACKENDS = [
    "tests.ops.backends.AxesBackendAllowingTestLogin",
    "django.contrib.auth.backends.ModelBackend",
]
OTP_REQUIRED_FOR_STAFF = False
# Generous limits so the suite never trips them by accident; tests of the limits override these.
REST_FRAMEWORK = {  # noqa: F405
    **REST_FRAMEWORK,  # noqa: F405
    "DEFAULT_THROTTLE_RATES": {"login": "10000/min", "import": "10000/min", "export": "10000/min"},
}

# A mirror of "default" for the read-replica test (tests/reports/test_replica.py); nothing reads from it
# unless a test sets SUMMARY_READ_DATABASE = "replica".
DATABASES["replica"] = {**DATABASES["default"], "TEST": {"MIRROR": "default"}}  # noqa: F405
SUMMARY_READ_DATABASE = "default"
