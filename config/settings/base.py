"""Base settings: everything comes from the environment (see README, "Configuration").

The embedded default is a SQLite file under var/ with DEBUG on; config.settings.production is the
overlay for real deployments and refuses to start without its secrets.
"""

import datetime
from pathlib import Path

import environ
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = BASE_DIR / "var"
VAR_DIR.mkdir(exist_ok=True)

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False) if (BASE_DIR / ".env").exists() else None

DEBUG = env.bool("DJANGO_DEBUG", default=True)
SECRET_KEY = env("DJANGO_SECRET_KEY", default="dev-only-insecure-key-change-me-in-production-0123456789")
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "testserver"])
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])

DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'portal.sqlite3'}")}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {}).update({"timeout": 20, "transaction_mode": "IMMEDIATE"})
else:
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("DATABASE_CONN_MAX_AGE", default=60)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
# A read replica for the summaries and public dashboards (docs/deploy.md); everything else uses "default".
if env("DATABASE_REPLICA_URL", default=""):
    DATABASES["replica"] = env.db("DATABASE_REPLICA_URL")
    for _key in ("ATOMIC_REQUESTS", "CONN_MAX_AGE", "CONN_HEALTH_CHECKS", "OPTIONS"):
        if _key in DATABASES["default"]:
            DATABASES["replica"].setdefault(_key, DATABASES["default"][_key])
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
DATABASE_ROUTERS = ["config.db_router.SummaryReplicaRouter"]
SUMMARY_READ_DATABASE = env("SUMMARY_READ_DATABASE", default="replica" if "replica" in DATABASES else "default")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "simple_history",
    "axes",
    "csp",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "movement",
    "reports",
    "awards",
    "extraction",
    "documents",
    "ops",
    "synthetic",
    "django_q",
    "notifications",
    "workday",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",  # static files: precompressed .gz/.br, answered here
    "django.middleware.gzip.GZipMiddleware",  # HTML, JSON, CSV compressed when the client accepts gzip
    "django.contrib.sessions.middleware.SessionMiddleware",
    "config.locale.VietnameseFirstLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "ops.middleware.OTPRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "ops.middleware.DatabaseUnavailableMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "movement.context_processors.portal_nav",
                "workday.context_processors.my_work_count",
            ],
        },
    },
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"

# Vietnamese first: the default language, with English available.
LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Vietnamese")), ("en", _("English"))]
# Each app keeps its own catalogue; the top-level one holds config, movement and templates/.
LOCALE_PATHS = [
    BASE_DIR / "reports" / "locale",
    BASE_DIR / "awards" / "locale",
    BASE_DIR / "extraction" / "locale",
    BASE_DIR / "notifications" / "locale",
    BASE_DIR / "workday" / "locale",
    BASE_DIR / "locale",
]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
USE_THOUSAND_SEPARATOR = True
FORMAT_MODULE_PATH = ["config.formats"]

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
# Front-end libraries come from npm (package.json) and are served from static, never from a CDN.
_NODE = BASE_DIR / "node_modules"
for _prefix, _path in [
    ("vendor/echarts", _NODE / "echarts" / "dist"),
    ("vendor/be-vietnam-pro", _NODE / "@fontsource" / "be-vietnam-pro"),
]:
    if _path.exists():
        STATICFILES_DIRS.append((_prefix, _path))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Attached files (scanned reports, decisions, evidence) go through the "default" storage above: this folder
# by default. They are never served from MEDIA_URL: a view checks who may read each one.
MEDIA_ROOT = env("DJANGO_MEDIA_ROOT", default=str(BASE_DIR / "var" / "media"))
ATTACHMENT_MAX_BYTES = env.int("ATTACHMENT_MAX_BYTES", default=20 * 1024 * 1024)

CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
if env("REDIS_URL", default=""):
    CACHES["default"] = {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": env("REDIS_URL")}

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.SessionAuthentication",
        "ops.authentication.OTPAwareBasicAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticatedOrReadOnly"],
    "DEFAULT_FILTER_BACKENDS": [
        "django_filters.rest_framework.DjangoFilterBackend",
        "rest_framework.filters.OrderingFilter",
    ],
    "DEFAULT_PAGINATION_CLASS": "config.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "config.exceptions.exception_handler",
    "DEFAULT_RENDERER_CLASSES": [
        "rest_framework.renderers.JSONRenderer",
        "rest_framework.renderers.BrowsableAPIRenderer",
    ],
}

SPECTACULAR_SETTINGS = {
    "TITLE": "Movement portal API",
    "DESCRIPTION": "REST API of the all-people national-security movement portal (phong trào toàn dân bảo vệ an ninh Tổ quốc).",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    # The error answers (400/401/403/404/409/412/428/503…) of every operation, with one Error body.
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "config.openapi.document_error_responses",
        "config.openapi_groups.group_by_resource",  # tags per resource, one-line summaries, link to the portal
    ],
    "ENUM_NAME_OVERRIDES": {
        "AdministrativeUnitKindEnum": "movement.models.AdministrativeUnit.Kind",
        "UnitKindEnum": "movement.models.Unit.Kind",
        "ConferenceKindEnum": "reports.models.Conference.Kind",
        "ConferenceStatusEnum": "reports.models.Conference.Status",
        "QualifierEnum": "reports.qualifiers.Qualifier",
        "AwardTallyRecipientKindEnum": "reports.models.AwardTally.RecipientKind",
        "CertificationStatusEnum": "awards.models.SafetyCertification.Status",
        "AwardDecisionStatusEnum": "awards.models.AwardDecision.Status",
        "RatingStatusEnum": "awards.models.MovementRating.Status",
        "AwardRecipientKindEnum": "awards.models.RecipientKind",
        "SubjectKindEnum": "awards.models.SubjectKind",
        "CriteriaSubjectKindEnum": "awards.models.CriteriaSubject",
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("DJANGO_LOG_LEVEL", default="WARNING")},
}

# Security (docs/security.md) ----------------------------------------------------------------------
# Sign-in lockout (django-axes): failures counted per user name + client address by default.
AUTHENTICATION_BACKENDS = ["axes.backends.AxesStandaloneBackend", "django.contrib.auth.backends.ModelBackend"]
AXES_ENABLED = env.bool("AXES_ENABLED", default=True)
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = datetime.timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=30))
# "username+ip_address" locks that pair; "username" alone, or "ip_address" alone, are also possible.
AXES_LOCKOUT_PARAMETERS = [
    p.split("+") if "+" in p else p for p in env.list("AXES_LOCKOUT_PARAMETERS", default=["username+ip_address"])
]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "ops.views.lockout_response"
AXES_CLIENT_IP_CALLABLE = "ops.security.client_ip"
AXES_VERBOSE = False
# Reverse proxies in front of the portal (each appends to X-Forwarded-For); 0 = clients connect directly.
TRUSTED_PROXY_COUNT = env.int("DJANGO_TRUSTED_PROXY_COUNT", default=0)

# Two-factor sign-in (django-otp, TOTP): required for staff roles in production, optional here.
OTP_REQUIRED_FOR_STAFF = env.bool("OTP_REQUIRED_FOR_STAFF", default=False)
OTP_TOTP_ISSUER = env("OTP_TOTP_ISSUER", default="Cổng phong trào TDBVANTQ")

SESSION_COOKIE_AGE = env.int("DJANGO_SESSION_COOKIE_AGE", default=60 * 60 * 8)
SESSION_EXPIRE_AT_BROWSER_CLOSE = env.bool("DJANGO_SESSION_EXPIRE_AT_BROWSER_CLOSE", default=False)

# Content Security Policy (django-csp 4): no inline scripts or styles anywhere; ReDoc relaxes styles
# for its own view only (ops/apidocs.py).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

# Rate limits (movement/throttling.py): sign-in attempts, imports and exports, per user or address.
REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"] = {
    "login": env("API_THROTTLE_LOGIN", default="20/min"),
    "import": env("API_THROTTLE_IMPORT", default="30/hour"),
    "export": env("API_THROTTLE_EXPORT", default="120/hour"),
}
# DRF keys anonymous clients on the raw X-Forwarded-For when NUM_PROXIES is None: 0 means "use REMOTE_ADDR".
REST_FRAMEWORK["NUM_PROXIES"] = TRUSTED_PROXY_COUNT

# Zip-based uploads (.docx, .xlsx), checked before any parser opens them (movement/uploads.py).
UPLOAD_MAX_UNCOMPRESSED_BYTES = env.int("UPLOAD_MAX_UNCOMPRESSED_BYTES", default=50 * 1024 * 1024)
UPLOAD_MAX_COMPRESSION_RATIO = env.int("UPLOAD_MAX_COMPRESSION_RATIO", default=100)
UPLOAD_MAX_ZIP_MEMBERS = env.int("UPLOAD_MAX_ZIP_MEMBERS", default=1000)
# Paragraphs (w:p, table cells included) and XML elements of a .docx's main part read for extraction.
DOCX_MAX_PARAGRAPHS = env.int("DOCX_MAX_PARAGRAPHS", default=50_000)
DOCX_MAX_ELEMENTS = env.int("DOCX_MAX_ELEMENTS", default=500_000)

# Official documents: folders holding a province's own .docx template files (<code>.docx; docs/documents.md).
DOCUMENTS_TEMPLATE_DIRS = env.list("DOCUMENTS_TEMPLATE_DIRS", default=[])

# Backups (manage.py backup_db / restore_db, make backup / make restore).
BACKUP_DIR = env.path("DJANGO_BACKUP_DIR", default=VAR_DIR / "backups")

# Email (notifications): the console in the demo, SMTP from the environment in production. Sending runs in a
# django-q2 task on the ORM broker (the existing database; `manage.py qcluster`, `make worker`), never in the
# request; a failed send is retried every Q_CLUSTER["retry"] seconds, up to "max_attempts" (notifications.tasks).
EMAIL_BACKEND = env(
    "DJANGO_EMAIL_BACKEND",
    default="django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = env("DJANGO_EMAIL_HOST", default="localhost")
EMAIL_PORT = env.int("DJANGO_EMAIL_PORT", default=25)
EMAIL_HOST_USER = env("DJANGO_EMAIL_HOST_USER", default="")
EMAIL_HOST_PASSWORD = env("DJANGO_EMAIL_HOST_PASSWORD", default="")
EMAIL_USE_TLS = env.bool("DJANGO_EMAIL_USE_TLS", default=False)
EMAIL_USE_SSL = env.bool("DJANGO_EMAIL_USE_SSL", default=False)
EMAIL_TIMEOUT = env.int("DJANGO_EMAIL_TIMEOUT", default=20)
DEFAULT_FROM_EMAIL = env("DJANGO_DEFAULT_FROM_EMAIL", default="cong-phong-trao@localhost")
PORTAL_BASE_URL = env("PORTAL_BASE_URL", default="http://127.0.0.1:8000")
Q_CLUSTER = {
    "name": "portal",
    "orm": "default",
    "workers": env.int("TASK_WORKERS", default=1),
    "timeout": 60,
    "retry": env.int("TASK_RETRY_SECONDS", default=120),
    "max_attempts": env.int("TASK_MAX_ATTEMPTS", default=5),
    "ack_failures": False,
    "save_limit": 500,
    "catch_up": False,
    "label": "Tác vụ nền",
}
