"""Settings for the Cổng platform.

One module for every environment: values come from environment variables and the defaults give
a working embedded install (SQLite file, database search, local-memory cache).
"""

import datetime
import json
import os
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", default=False)
# Without SECRET_KEY the platform runs as the embedded default (plain HTTP on loopback, a fixed
# insecure key). A deployment sets SECRET_KEY and gets HTTPS-only cookies, HSTS and redirects.
EMBEDDED = not os.environ.get("SECRET_KEY")
SECRET_KEY = os.environ.get("SECRET_KEY") or "insecure-embedded-default-never-use-in-production"
# Portals are served by hostname; "*.localhost" covers the demo province.
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,.localhost,127.0.0.1,testserver")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
# Reverse proxies in front of Django, each appending to X-Forwarded-For (cms/core/clients.py):
# 0 = clients connect directly; 1 = the shipped nginx (themes/nginx/cong.conf).
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))

INSTALLED_APPS = [
    "cms.core",
    "sites",
    "themes",
    "search",
    "cms.documents",
    "cms.procedures",
    "cms.organisation",
    "cms.pages",
    "cms.demo",
    "cms.operations",
    "cms.publishing",
    "cms.engagement",
    "cms.notices",
    "cms.visits",
    "cms.help",
    "cms.imports",
    "cms.api",
    "cms.accounts",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.sitemaps",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "wagtail.api.v2",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "corsheaders",
    "modelcluster",
    "taggit",
    "django_filters",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    "django_tasks",
    "django_tasks_db",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    "cms.health.HealthCheckMiddleware",  # before the HTTPS redirect and host checks: balancers probe by address
    "cms.core.generation.GenerationsPerRequestMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "corsheaders.middleware.CorsMiddleware",
    "cms.request_guards.RejectNulMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "sites.middleware.KnownHostMiddleware",
    "themes.cache.PageCacheMiddleware",
    "sites.middleware.HostnameAliasMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "cms.locale.VietnameseFirstLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.http.ConditionalGetMiddleware",
    "cms.api.middleware.ApiCacheHeadersMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "cms.accounts.middleware.TwoFactorMiddleware",
    "cms.core.middleware.ScopedObjectMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "cms.publishing.middleware.PublishRefusedMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "themes.middleware.ThemeMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "cms.urls"
WSGI_APPLICATION = "cms.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": False,
        "OPTIONS": {
            # Templates of the portal's theme (themes/templates/themes/<key>/) are tried first.
            "loaders": [("themes.loaders.Loader", ["django.template.loaders.app_directories.Loader"])],
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "themes.context_processors.portal",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Concurrent readers while the demo loader or an editor writes (WAL). Pages read through a memory
    # map shared by every connection and process, not copied one by one into each connection's page
    # cache: the search fallback reads thousands of rows for a common word (bench/search.py).
    DATABASES["default"].setdefault("OPTIONS", {})["init_command"] = "PRAGMA journal_mode=WAL; PRAGMA mmap_size=1073741824;"
    DATABASES["default"]["OPTIONS"]["transaction_mode"] = "IMMEDIATE"
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # PostgreSQL's default cost of a random read (4) is a spinning disk's; 1.1 is the usual value on
    # SSD or when the database is cached. With it the search fallback reads a common word's many
    # matches through the word index instead of scanning the table (bench/search.py).
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = (
        f"-c random_page_cost={os.environ.get('DATABASE_RANDOM_PAGE_COST', '1.1')}")
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Several app servers share one Redis (CACHE_URL=redis://...): rendered pages, generations, API
# throttles and sessions (read from Redis, written through to the database). The default is a
# cache private to each process, and sessions in the database.
CACHE_URL = os.environ.get("CACHE_URL", "")
if CACHE_URL.startswith("redis"):
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": CACHE_URL}}
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "cong"}}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Admin accounts (cms/accounts): two-factor sign-in (django-otp) for province administrators,
# approvers and the editors' groups that ask for it; sign-in throttling by client address and
# username (django-axes); how long an admin session lasts.
ADMIN_TWO_FACTOR = env_bool("ADMIN_TWO_FACTOR", default=True)
OTP_TOTP_ISSUER = os.environ.get("OTP_TOTP_ISSUER", "Cổng thông tin")
AUTHENTICATION_BACKENDS = ["axes.backends.AxesStandaloneBackend", "django.contrib.auth.backends.ModelBackend"]
AXES_FAILURE_LIMIT = int(os.environ.get("SIGNIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = datetime.timedelta(minutes=int(os.environ.get("SIGNIN_LOCKOUT_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_CLIENT_IP_CALLABLE = "cms.core.clients.client_address"
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_HTTP_RESPONSE_CODE = 429
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
SESSION_COOKIE_AGE = int(os.environ.get("ADMIN_SESSION_HOURS", "8")) * 3600

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Tiếng Việt")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
# Pages have a language (locales vi and en): a portal's English pages are its English section, /en/,
# each linked to the Vietnamese page it translates (cms.pages.translations).
WAGTAIL_I18N_ENABLED = True
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "var" / "static"))
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "var" / "media"))
STORAGES = {
    "default": {"BACKEND": "cms.core.storage.MediaStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = DEBUG

# Uploads: office documents and PDFs for legal documents and forms.
WAGTAILDOCS_EXTENSIONS = ["pdf", "doc", "docx", "odt", "xls", "xlsx", "ods", "png", "jpg", "jpeg"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = int(os.environ.get("MAX_UPLOAD_MB", "20")) * 1024 * 1024
# Hosts on a private network that imports may fetch files from (cms/imports/downloads.py), e.g.
# the e-office system's file server: IMPORT_TRUSTED_HOSTS=vanban.noibo,10.0.0.5
IMPORT_TRUSTED_HOSTS = [host for host in os.environ.get("IMPORT_TRUSTED_HOSTS", "").split(",") if host]
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
# Documents always go through Wagtail's serve view, which applies collection view restrictions.
# Behind the shipped nginx (NGINX_SENDFILE=1) the view answers with X-Accel-Redirect to an
# internal location and nginx sends the file; otherwise Django streams it.
WAGTAILDOCS_SERVE_METHOD = "serve_view"
SENDFILE_URL = "/protected-media"
SENDFILE_ROOT = str(MEDIA_ROOT)
if env_bool("NGINX_SENDFILE"):
    SENDFILE_BACKEND = "django_sendfile.backends.nginx"
# Checks that an upload's content matches its extension (corrupt or mislabelled files refused).
WAGTAILDOCS_DOCUMENT_FORM_BASE = "cms.uploads.SafeDocumentForm"
WAGTAILIMAGES_IMAGE_FORM_BASE = "cms.uploads.SafeImageForm"
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

WAGTAIL_SITE_NAME = "Cổng thông tin điện tử"
# The admin's address, used in e-mails (password reset, workflow steps); a deployment must set it
# (cms/core/checks.py).
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://localhost:8000" if EMBEDDED else "")
# Wagtail's database backend for the admin search (search/admin_backend.py tunes it on SQLite).
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "search.admin_backend"}}
WAGTAIL_ALLOW_UNICODE_SLUGS = False
# No outside service from the admin (a government network may not reach it, and it would learn who
# works here): initials instead of Gravatar avatars.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
# No call from the admin to wagtail.org (release check, "what's new" banner): a government network
# reaches only its own hosts, and the help menu leads to the project's manuals (cms/help).
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_ENABLE_WHATS_NEW_BANNER = False
WAGTAILADMIN_USER_LOGIN_FORM = "cms.accounts.forms.LoginForm"
WAGTAIL_WORKFLOW_ENABLED = True
# Workflow e-mails go to the portal's own approvers and editors, not to every province administrator
# for every submission on hundreds of portals.
WAGTAILADMIN_NOTIFICATION_INCLUDE_SUPERUSERS = False
WAGTAILADMIN_COMMENTS_ENABLED = False

# Rendered public pages (themes/cache.py): seconds an entry may live; 0 turns the cache off.
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "600"))
# Where cached pages are also written as files for nginx (themes/page_files.py,
# themes/nginx/cong.conf); empty: no files.
PAGE_FILE_CACHE_ROOT = os.environ.get("PAGE_FILE_CACHE_ROOT", "")
# Offline mirrors of the portals, one folder per hostname (`manage.py portal export-static`), that
# nginx serves while the application is down (themes/nginx/cong.conf, @offline).
OFFLINE_MIRROR_ROOT = os.environ.get("OFFLINE_MIRROR_ROOT", str(BASE_DIR / "var" / "offline"))
# A CDN or HTTP cache in front (themes/frontend_cache.py): Wagtail's frontend cache backends as JSON,
# each limited to its portals' hostnames if given, e.g. {"varnish": {"BACKEND":
# "wagtail.contrib.frontend_cache.backends.HTTPBackend", "LOCATION": "http://127.0.0.1:6081"}}.
# It keeps pages without a query for CDN_CACHE_SECONDS and is told which URLs to forget.
WAGTAILFRONTENDCACHE = json.loads(os.environ.get("FRONTEND_CACHE") or "{}")
WAGTAILFRONTENDCACHE_LANGUAGES = []  # a page has one address: English pages live under /en/, not under a prefix
CDN_CACHE_SECONDS = int(os.environ.get("CDN_CACHE_SECONDS", "300"))

# Our own search service (search/): empty means the database fallback; a cluster's nodes are
# listed with commas. Each shard has SEARCH_REPLICAS copies on other nodes (a cluster of three
# keeps every entry on two nodes with 1); a change applies to the next index built (manage.py
# search reindex).
SEARCH_URL = os.environ.get("SEARCH_URL", "")
SEARCH_REPLICAS = int(os.environ.get("SEARCH_REPLICAS", "0"))
SEARCH_INDEX_ALIAS = os.environ.get("SEARCH_INDEX_ALIAS", "cong-content")

if not EMBEDDED:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=True)
    SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", default=True)
    CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000"))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SECURE_CONTENT_TYPE_NOSNIFF = True

# Outgoing mail over SMTP; the embedded default prints mails on the console.
EMAIL_BACKEND = ("django.core.mail.backends.console.EmailBackend" if EMBEDDED and not os.environ.get("EMAIL_HOST")
                 else "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "cong@localhost")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "loggers": {
        "cong": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    },
}

# Wagtail's own tasks (reference and search index updates) run at once, in the request; the
# project's background jobs (cms/operations/jobs.py) are stored in the database and run by
# `manage.py db_worker --backend jobs`.
JOBS_BACKEND = "jobs"
TASKS = {
    "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
    JOBS_BACKEND: {"BACKEND": "django_tasks_db.DatabaseBackend"},
}

WAGTAILADMIN_RICH_TEXT_EDITORS = {
    "default": {"WIDGET": "cms.richtext.SafeDraftailRichTextArea", "OPTIONS": {}},
}

# Public API (cms/api): read-only, JSON, throttled per client IP, documented by OpenAPI 3.
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "cms.api.errors.api_exception_handler",
}
API_THROTTLE_RATE = os.environ.get("API_THROTTLE_RATE", "600/min")
API_CACHE_SECONDS = int(os.environ.get("API_CACHE_SECONDS", "60"))
WAGTAILAPI_LIMIT_MAX = 100
SPECTACULAR_SETTINGS = {
    "TITLE": "Cổng API",
    "DESCRIPTION": "Văn bản, thủ tục hành chính, cơ quan, cổng thông tin và tìm kiếm của tỉnh (chỉ nội dung đã xuất bản).",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "PREPROCESSING_HOOKS": ["cms.api.schema.only_v1_endpoints"],
    "POSTPROCESSING_HOOKS": ["drf_spectacular.hooks.postprocess_schema_enums", "cms.api.schema.add_error_responses"],
}
CORS_ALLOWED_ORIGINS = env_list("CORS_ALLOWED_ORIGINS")
CORS_URLS_REGEX = r"^/api/.*$"
