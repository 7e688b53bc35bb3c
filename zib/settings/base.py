"""Base settings for ZIB-Portal.

Safe by default: DEBUG is off, there is no secret key and no allowed host.
Every deployment-specific value comes from the environment (see README).
"""

from pathlib import Path
from urllib.parse import urlsplit

import environ
from django.conf import global_settings
from django.conf.locale import LANG_INFO

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent

env = environ.Env()

DEBUG = env.bool("DEBUG", default=False)
SECRET_KEY = env("SECRET_KEY", default="")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=[])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    # Project apps, one per domain.
    "zib.home",
    "zib.pages",
    "zib.images",
    "zib.people",
    "zib.organizations",
    "zib.news",
    "zib.podcast",
    "zib.events",
    "zib.grants",
    "zib.council",
    "zib.search",
    "zib.security",
    "zib.pagecache",
    "zib.demo",
    "zib.languages",
    # Wagtail and its contrib apps.
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.search_promotions",
    "wagtail.contrib.frontend_cache",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django_tasks",
    "django_tasks_db",
    "csp",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # CSP and Permissions-Policy; outside the page cache so cached pages get them too.
    "zib.security.middleware.SecurityHeadersMiddleware",
    # The cache generation of this request, for the in-process caches (zib.pagecache.local).
    "zib.pagecache.middleware.GenerationMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "zib.languages.middleware.LocaleMiddleware",
    # Serves anonymous visitors from the cache before any database work.
    "zib.pagecache.middleware.PageCacheMiddleware",
    "django.middleware.common.CommonMiddleware",
    # Django's CSRF check; anonymous visitors of public forms get no cookie.
    "zib.security.middleware.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "zib.security.middleware.TwoFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "axes.middleware.AxesMiddleware",
    # PUT/PATCH/DELETE outside the admin: 405; 25-digit ids: 404, not a database overflow.
    "zib.security.middleware.PublicRequestGuardMiddleware",
]

ROOT_URLCONF = "zib.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PROJECT_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "zib.pages.context_processors.site_chrome",
            ],
        },
    },
]

WSGI_APPLICATION = "zib.wsgi.application"

# Database: SQLite (WAL mode) unless DATABASE_URL says otherwise.
DATABASES = {"default": env.db_url("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'var' / 'db.sqlite3'}")}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            # WAL lets readers go on while a writer commits; IMMEDIATE avoids
            # "database is locked" on concurrent writes upgrading their lock.
            "init_command": ("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=5000;"),
            "transaction_mode": "IMMEDIATE",
        }
    )
else:
    DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("CONN_MAX_AGE", default=60))
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Each process's own memory of sites, routes, renditions and rendered fragments,
# keyed by the page cache generation (zib.pagecache.local): never stale, never shared.
LOCAL_CACHES = {
    alias: {
        "BACKEND": "zib.pagecache.backends.ProcessCache",
        "LOCATION": f"zib-{alias}",
        "KEY_FUNCTION": "zib.pagecache.local.make_key",
        "TIMEOUT": 3600,
        "OPTIONS": {"MAX_ENTRIES": max_entries},
    }
    # "typed": what is kept per address a visitor typed (search results, the
    # language links of views that are not pages), apart so that a flood of
    # new search terms or addresses cannot push out what every page is built from.
    for alias, max_entries in (("local", 5000), ("renditions", 5000), ("typed", 1000))
}
CACHES = {"default": env.cache_url("CACHE_URL", default="locmemcache://zib"), **LOCAL_CACHES}

AUTHENTICATION_BACKENDS = [
    "zib.security.backends.LoginThrottleBackend",
    "django.contrib.auth.backends.ModelBackend",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Internationalisation: German first; the other languages are the ones the
# office's visitors speak. Arabic and Persian are right to left.
LANGUAGE_CODE = "de"
# The languages offered from the start: a Locale each (zib.languages creates
# them) and a gettext catalogue each under zib/locale/.
OFFERED_LANGUAGES = [
    ("de", "Deutsch"),
    ("en", "English"),
    ("fr", "Français"),
    ("ar", "العربية"),
    ("tr", "Türkçe"),
    ("ru", "Русский"),
    ("uk", "Українська"),
    ("ro", "Română"),
    ("fa", "فارسی"),
]
# Every language Django knows, named in its own script, so editors can add a
# language in the admin (Einstellungen → Locale) without a developer.
# The public site offers only the languages that have a Locale (see
# zib.languages.middleware); a language without a catalogue shows German UI text.
LANGUAGES = OFFERED_LANGUAGES + sorted(
    (code, LANG_INFO[code]["name_local"])
    for code, _name in global_settings.LANGUAGES
    if code in LANG_INFO and code not in dict(OFFERED_LANGUAGES)
)
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
# Machine translation as an aid in wagtail-localize's editor, off by default:
# MACHINE_TRANSLATION=deepl (with DEEPL_AUTH_KEY) or libretranslate (with
# LIBRETRANSLATE_URL and, if the instance needs one, LIBRETRANSLATE_API_KEY).
MACHINE_TRANSLATION = env("MACHINE_TRANSLATION", default="")
if MACHINE_TRANSLATION == "deepl":
    WAGTAILLOCALIZE_MACHINE_TRANSLATOR = {
        "CLASS": "zib.languages.machine_translation.DeepLTranslator",
        "OPTIONS": {"AUTH_KEY": env("DEEPL_AUTH_KEY"), "FORMALITY": "prefer_more"},
    }
elif MACHINE_TRANSLATION == "libretranslate":
    WAGTAILLOCALIZE_MACHINE_TRANSLATOR = {
        "CLASS": "zib.languages.machine_translation.LibreTranslator",
        "OPTIONS": {
            "LIBRETRANSLATE_URL": env("LIBRETRANSLATE_URL"),
            "API_KEY": env("LIBRETRANSLATE_API_KEY", default=""),
        },
    }
WAGTAILADMIN_PERMITTED_LANGUAGES = [("de", "Deutsch"), ("en", "English")]
LOCALE_PATHS = [PROJECT_DIR / "locale"]
TIME_ZONE = "Europe/Berlin"
USE_I18N = True
USE_TZ = True

# Static files and media.
STATIC_URL = "/static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=str(BASE_DIR / "var" / "static"))
STATICFILES_DIRS = [PROJECT_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=str(BASE_DIR / "var" / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
WHITENOISE_MAX_AGE = 3600

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000
FILE_UPLOAD_PERMISSIONS = 0o644

# Grant applications: attachments live outside MEDIA_ROOT and are served only
# through a permission check; size limit per file in bytes.
GRANTS_PRIVATE_ROOT = env.path("GRANTS_PRIVATE_ROOT", default=str(BASE_DIR / "var" / "private"))
GRANTS_MAX_UPLOAD_SIZE = env.int("GRANTS_MAX_UPLOAD_SIZE", default=10 * 1024 * 1024)
# Sign-in links for applicants expire after this many minutes.
GRANTS_SIGN_IN_LINK_MINUTES = env.int("GRANTS_SIGN_IN_LINK_MINUTES", default=30)

# E-mail: EMAIL_URL such as smtp+tls://user:pass@host:587 (console in dev).
EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="zib@saarbruecken.de")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# Where messages from the public contact form go.
STAFF_NOTIFICATION_EMAILS = env.list("STAFF_NOTIFICATION_EMAILS", default=["zib@saarbruecken.de"])

# Background work (django-tasks): immediate in dev and tests, database
# backend with `manage.py db_worker` in production.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

# Wagtail.
WAGTAIL_SITE_NAME = "ZIB-Portal"
WAGTAILADMIN_BASE_URL = env("WAGTAILADMIN_BASE_URL", default="http://127.0.0.1:8000")
WAGTAILIMAGES_IMAGE_MODEL = "images.CustomImage"
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "rtf", "txt", "xlsx", "zip"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 30 * 1024 * 1024
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAIL_MODERATION_ENABLED = True
WAGTAIL_WORKFLOW_ENABLED = True
WAGTAILEMBEDS_RESPONSIVE_HTML = True
WAGTAIL_ENABLE_UPDATE_CHECK = False
# No avatars from gravatar.com: they would send a hash of staff e-mail addresses to another host.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_PASSWORD_RESET_ENABLED = True
WAGTAILFRONTENDCACHE = {}

# Login throttling (django-axes): lock an account/IP pair after 5 failures.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = 1  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "zib.security.views.lockout_response"
AXES_CLIENT_IP_CALLABLE = "zib.security.services.client_ip"
AXES_USERNAME_CALLABLE = "zib.security.services.login_username"
# Reverse proxies in front of the app (nginx: 1); their X-Forwarded-For is trusted.
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)

# Two-factor sign-in (django-otp, TOTP). With REQUIRE_2FA_FOR_STAFF every
# admin user must set up an authenticator app before using the admin.
REQUIRE_2FA_FOR_STAFF = env.bool("REQUIRE_2FA_FOR_STAFF", default=False)
OTP_TOTP_ISSUER = env("OTP_TOTP_ISSUER", default="ZIB-Portal")
OTP_TOTP_THROTTLE_FACTOR = 1  # seconds; doubles with every wrong code

# Page cache for anonymous visitors (zib.pagecache): dropped on every publish.
PAGE_CACHE_ENABLED = env.bool("PAGE_CACHE_ENABLED", default=True)
PAGE_CACHE_TIMEOUT = env.int("PAGE_CACHE_TIMEOUT", default=300)  # seconds, upper bound
PAGE_CACHE_MAX_AGE = env.int("PAGE_CACHE_MAX_AGE", default=60)  # browsers' Cache-Control max-age

# Security headers that hold everywhere; production adds HSTS and secure cookies.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Django's check looks for its own CSRF middleware by name; ours subclasses it
# (zib.security.middleware.CsrfViewMiddleware, tested in zib/security/tests).
SILENCED_SYSTEM_CHECKS = ["security.W003"]

# Content-Security-Policy (django-csp): strict on every public page.
_media_origin = "{0.scheme}://{0.netloc}".format(urlsplit(MEDIA_URL)) if "://" in MEDIA_URL else None
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:", *filter(None, [_media_origin])],
        "media-src": ["'self'", *filter(None, [_media_origin])],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
# Replaces these directives under /admin/ only: what the Wagtail admin needs
# (measured in Chromium, see docs/security.md): its form widgets (date and
# page choosers) start from inline scripts, it sets style attributes, the
# image uploader shows blob: thumbnails, and it frames its own previews.
# No 'unsafe-eval', no other hosts.
CONTENT_SECURITY_POLICY_ADMIN = {
    "img-src": ["'self'", "data:", "blob:", *filter(None, [_media_origin])],
    "script-src": ["'self'", "'unsafe-inline'"],
    "style-src": ["'self'", "'unsafe-inline'"],
    "frame-ancestors": ["'self'"],
}
# Browser features no public page uses; browsing-topics is the ad-tracking
# successor of interest-cohort (FLoC), which Chromium no longer recognises.
PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer",
        "autoplay",
        "browsing-topics",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "usb",
    )
)
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_NAME = "zib_language"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="WARNING")},
}
