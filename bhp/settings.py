"""Settings for the BHP site, read from environment variables (see .env.example)."""

from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

import environ
from django.utils.csp import CSP

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
if (BASE_DIR / ".env").exists():
    environ.Env.read_env(BASE_DIR / ".env")

DEBUG = env.bool("DEBUG", default=False)

# Production must say who it is: no default key, no default hosts. Development gets
# throwaway values so that `make run` works with no configuration.
if DEBUG:
    SECRET_KEY = env("SECRET_KEY", default="django-insecure-development-only")
    ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"])
else:
    SECRET_KEY = env("SECRET_KEY")
    ALLOWED_HOSTS = env.list("ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
# The public host name (and port, if not the default) in links that leave the site: feeds,
# the sitemap, canonical and sharing addresses (core.addresses). Empty, the default in
# development, means the host each request came to, so the site links to itself on any
# port. The site record is kept in step on migrate.
SITE_DOMAIN = env("SITE_DOMAIN", default="" if DEBUG else ALLOWED_HOSTS[0])
SITE_ID = 1

INSTALLED_APPS = [
    "bhp.apps.SiteAdminConfig",  # django.contrib.admin, with the site of bhp/sites.py
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "django.contrib.sites",
    "django.contrib.redirects",
    "django.contrib.sitemaps",
    "django.contrib.syndication",
    "django.forms",
    "taggit",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "django_prose_editor",
    "imagefield",
    "reversion",
    "reversion_compare",
    "bhp",
    "core",
    "pagecache",
    "members",
    "news",
    "strategy",
    "documents",
    "pages",
    "search",
    "contact",
    "demo",
    "people",
    "django_tasks_db",
    "notifications",
    "workflow",
    "signoff",  # after news: it extends the article admin
    "wordpress",
    "opportunities",
    "events",
    "publications",
]

MIDDLEWARE = [
    "bhp.middleware.RequestLogMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # The security headers come before WhiteNoise, which answers for static files itself:
    # everything listed after it never sees those responses.
    # CSP, and Permissions-Policy (which Django has no setting for).
    "bhp.middleware.CachedPolicyMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # The old WordPress site's addresses: /?p=ID before the page cache answers the home
    # page, and any other only once nothing else has answered it (a 404).
    "wordpress.middleware.OldAddressMiddleware",
    # A visitor with no session gets a kept page here, before everything below.
    "pagecache.middleware.VisitorFastPathMiddleware",
    # Any other visitor's GET without a session goes on without SESSION_ONLY_MIDDLEWARE.
    "bhp.middleware.VisitorChainMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.http.ConditionalGetMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Whether this session's sign-in included a two-factor code (read only for staff).
    "django_otp.middleware.OTPMiddleware",
    "pagecache.middleware.AnonymousPageCacheMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "bhp.middleware.StaffTwoFactorMiddleware",
    "axes.middleware.AxesMiddleware",
    # Last, so it only ever sees pages nothing else answered: old site addresses.
    "django.contrib.redirects.middleware.RedirectFallbackMiddleware",
]

# What a visitor's request without a session skips (see VisitorChainMiddleware).
SESSION_ONLY_MIDDLEWARE = [
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "bhp.middleware.StaffTwoFactorMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "bhp.urls"
WSGI_APPLICATION = "bhp.wsgi.application"

# Forms and widgets find their templates where pages do (templates/), Django's own through
# the django.forms app.
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"

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
                "django.template.context_processors.csp",
                "bhp.context_processors.site",
                "contact.context_processors.contact",
            ],
        },
    },
]

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
# Reuse connections across requests, checking each before use so a dropped one is replaced.
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

CACHES = {"default": env.cache("CACHE_URL", default="locmemcache://")}
# django-environ names django-redis's cache for redis:// when django-redis is installed, and
# Django's own otherwise (which builds a client per call). Either way, ours (core/cache.py).
if CACHES["default"]["BACKEND"] in {
    "django.core.cache.backends.redis.RedisCache",
    "django_redis.cache.RedisCache",
}:
    CACHES["default"]["BACKEND"] = "core.cache.RedisCache"
# The cache is only a speed-up: a Redis that has hung or gone away is waited for briefly
# (seconds to connect, seconds for each reply), and after a failure not asked again for a
# while, so pages are rendered uncached instead of waiting on it (core/cache.py).
CACHE_CONNECT_TIMEOUT = env.float("CACHE_CONNECT_TIMEOUT", default=0.25)
CACHE_READ_TIMEOUT = env.float("CACHE_READ_TIMEOUT", default=0.5)
CACHE_RETRY_SECONDS = env.float("CACHE_RETRY_SECONDS", default=5)
# Each worker's own copy of the parts of pages kept under a content version (see
# pagecache/parts.py). Such a part never changes once kept: changed content gets a new
# version, so new keys. A worker can therefore keep its copy without asking the shared
# cache again.
CACHES["parts"] = {
    "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
    "LOCATION": "content-parts",
    # A few kilobytes each: up to about 15 MB a worker.
    "OPTIONS": {"MAX_ENTRIES": 5000},
}
# Each worker's copy of the whole pages it served from the shared cache, under the content
# version they were made under (see pagecache.versions.content_version_and): about 30 KB
# each, so up to about 15 MB a worker.
CACHES["pages"] = {
    "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
    "LOCATION": "whole-pages",
    "OPTIONS": {"MAX_ENTRIES": 500},
}
# Names this release of the code in cache keys (see pagecache.versions.release); by
# default, a digest of the project's code and templates.
RELEASE = env.str("RELEASE", default="")
# How long a rendered page for visitors is kept (0 turns the page cache off). Any change to
# content makes cached pages stale at once, whatever this says; see pagecache/.
PAGE_CACHE_SECONDS = env.int("PAGE_CACHE_SECONDS", default=600)

AUTH_USER_MODEL = "bhp.User"
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    # Accounts made before Argon2 are rehashed with it at their next sign-in.
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Sign-in throttling: five failures lock that account, and separately that address, for an
# hour. The address is the connection's own unless a trusted proxy count is set; then it is
# the one that proxy recorded, so a client-written X-Forwarded-For changes nothing.
AXES_FAILURE_LIMIT = env.int("LOGIN_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("LOGIN_LOCKOUT_MINUTES", default=60))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
# Failed sign-ins are recorded with what was posted; codes are left out like passwords.
AXES_SENSITIVE_PARAMETERS = ["username", "ip_address", "otp_token"]
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
# One rule for the visitor's address, shared with the contact form's rate limit. (ipware,
# axes' default, finds no address at all behind one proxy when the visitor sent no
# X-Forwarded-For of their own, so every visitor shared one.)
AXES_CLIENT_IP_CALLABLE = "core.visitors.visitor_address"
# Two-factor sign-in (bhp/two_factor.py): staff may turn it on for themselves; when this is
# true, staff who have not are sent to set it up before anything else in the admin.
STAFF_REQUIRE_2FA = env.bool("STAFF_REQUIRE_2FA", default=False)
OTP_TOTP_ISSUER = "Birmingham Health Partners"
# Nobody, not even a superuser, reads someone else's key or backup codes in the admin.
OTP_ADMIN_HIDE_SENSITIVE_DATA = True
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True
# Dates and times written one way everywhere (bhp/formats/en_GB/formats.py).
FORMAT_MODULE_PATH = ["bhp.formats"]

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "media")
# Uploads go to MEDIA_ROOT, served by bhp.views.media, unless a bucket is named: then to
# S3-compatible object storage, which several app servers can share.
AWS_STORAGE_BUCKET_NAME = env("AWS_STORAGE_BUCKET_NAME", default="")
AWS_S3_ENDPOINT_URL = env("AWS_S3_ENDPOINT_URL", default=None)
AWS_S3_REGION_NAME = env("AWS_S3_REGION_NAME", default=None)
AWS_S3_CUSTOM_DOMAIN = env("AWS_S3_CUSTOM_DOMAIN", default=None)
# Public pages are cached; signed links would expire inside them. The bucket serves
# uploads publicly instead (credentials come from boto3's own AWS_* variables).
AWS_QUERYSTRING_AUTH = False
AWS_S3_FILE_OVERWRITE = False
# Where browsers fetch those uploads from, for the pages' Content-Security-Policy.
if not AWS_STORAGE_BUCKET_NAME:
    UPLOADS_ORIGINS = []
elif AWS_S3_CUSTOM_DOMAIN:
    UPLOADS_ORIGINS = [f"https://{AWS_S3_CUSTOM_DOMAIN}"]
elif AWS_S3_ENDPOINT_URL:
    UPLOADS_ORIGINS = ["{0.scheme}://{0.netloc}".format(urlsplit(AWS_S3_ENDPOINT_URL))]
else:  # Amazon S3 itself, whichever address form boto3 chooses
    UPLOADS_ORIGINS = [
        f"https://{AWS_STORAGE_BUCKET_NAME}.s3.amazonaws.com",
        f"https://{AWS_STORAGE_BUCKET_NAME}.s3.{AWS_S3_REGION_NAME or 'us-east-1'}.amazonaws.com",
    ]

# Logos are scaled, never cropped, so they need no focal point (imagefield.I001).
# The article listing index covers the take-down time on PostgreSQL only; SQLite (for
# development) builds it without that column, which is fine.
SILENCED_SYSTEM_CHECKS = ["imagefield.I001", "models.W040"]
# Renditions are spread over 2 levels of folders so no folder grows too large.
IMAGEFIELD_BIN_DEPTH = 2

# Uploaded images: larger files or pictures are refused with a message saying the limit.
IMAGE_MAX_BYTES = env.int("IMAGE_MAX_BYTES", default=10 * 1024 * 1024)
IMAGE_MAX_PIXELS = env.int("IMAGE_MAX_PIXELS", default=40_000_000)
# Uploaded documents (reports, spreadsheets): larger files are refused with a message.
DOCUMENT_MAX_BYTES = env.int("DOCUMENT_MAX_BYTES", default=25 * 1024 * 1024)
STORAGES = {
    "default": {
        "BACKEND": "core.storage.UploadStorage"
        if AWS_STORAGE_BUCKET_NAME
        else "django.core.files.storage.FileSystemStorage"
    },
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
    # Documents are handed out only by their download page, which checks that an article
    # showing them is live. On object storage they are private objects, in a bucket of
    # their own when one is named, so no address outlives an article's unpublishing.
    "documents": {
        "BACKEND": "core.storage.PrivateUploadStorage",
        "OPTIONS": {
            "bucket_name": env("AWS_DOCUMENTS_BUCKET_NAME", default=AWS_STORAGE_BUCKET_NAME)
        },
    }
    if AWS_STORAGE_BUCKET_NAME
    else {"BACKEND": "django.core.files.storage.FileSystemStorage"},
}

# Security headers. Every script and stylesheet is a file we serve, so the policy can
# forbid inline code outright.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    # The nonce is only sent when a page uses it: the admin's editor needs one for its
    # import map. Public pages use none, so for them scripts come from this site only.
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:", *UPLOADS_ORIGINS],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "frame-ancestors": [CSP.NONE],
    "form-action": [CSP.SELF],
}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=not DEBUG)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0 if DEBUG else 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=not DEBUG)
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=not DEBUG)
if env.bool("BEHIND_TLS_PROXY", default=False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = not DEBUG
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = CSRF_COOKIE_SAMESITE = "Lax"
# A staff sign-in lasts a working day.
SESSION_COOKIE_AGE = env.int("SESSION_COOKIE_AGE", default=10 * 60 * 60)

# One line per request from bhp.middleware.RequestLogMiddleware; JSON lines for log
# collectors when LOG_FORMAT=json.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "text": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "format": "%(asctime)s %(levelname)s %(name)s %(message)s",
        },
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": env("LOG_FORMAT", default="text"),
        }
    },
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
    "filters": {"one_line_warning": {"()": "bhp.logs.OneLineWarning"}},
    "loggers": {
        # A request for a host this site does not serve is the sender's mistake or a probe,
        # not a fault in the site: Django reports it as an error with a traceback.
        "django.security.DisallowedHost": {"filters": ["one_line_warning"]},
        # django-axes reports every successful sign-in at INFO; lockouts come at WARNING.
        "axes": {"level": "WARNING"},
        # django-imagefield reports every rendition it saves; only its problems matter.
        "imagefield": {"level": "WARNING"},
    },
}

TAGGIT_CASE_INSENSITIVE = True
# Tags are separated by commas only: "clinical trials" is one tag, not one per word.
TAGGIT_TAGS_FROM_STRING = "news.tags.parse_tags"
TAGGIT_STRING_FROM_TAGS = "news.tags.edit_string_for_tags"

# How many articles a listing page shows.
NEWS_PAGE_SIZE = env.int("NEWS_PAGE_SIZE", default=12)

# Email (docs/configuration.md), through Django's mailers. EMAIL_URL names the server, e.g.
# smtp+tls://user:password@smtp.example.ac.uk:587; development prints messages to the console.
_email = env.email_url("EMAIL_URL", default="consolemail://" if DEBUG else "smtp://localhost:25")
MAILERS = {"default": {"BACKEND": _email["EMAIL_BACKEND"]}}
if _email["EMAIL_BACKEND"].endswith("smtp.EmailBackend"):
    MAILERS["default"]["OPTIONS"] = {
        "host": _email["EMAIL_HOST"],
        "port": _email["EMAIL_PORT"],
        "username": _email["EMAIL_HOST_USER"],
        "password": _email["EMAIL_HOST_PASSWORD"],
        "use_tls": _email.get("EMAIL_USE_TLS", False),
        "use_ssl": _email.get("EMAIL_USE_SSL", False),
        # Seconds to wait for the mail server. A visitor's enquiry is saved first, then waits
        # this long at most before it is marked as not sent (staff resend it from the admin).
        "timeout": env.int("EMAIL_TIMEOUT", default=10),
    }

# Background tasks (Django's tasks framework): email notifications are sent by a worker,
# `manage.py db_worker`, from a queue in the database (django-tasks-db). TASKS_BACKEND=immediate
# runs each task at once in the request instead, the default in development so that
# `make run` needs no worker.
_tasks_backend = env("TASKS_BACKEND", default="immediate" if DEBUG else "database")
TASKS = {
    "default": {
        "BACKEND": {
            "database": "django_tasks_db.DatabaseBackend",
            "immediate": "django.tasks.backends.immediate.ImmediateBackend",
        }[_tasks_backend]
    }
}
# A notification the mail server refused is tried again after this many seconds, then twice,
# four times as long, and so on; after the last attempt it shows as not sent in the admin.
NOTIFICATION_RETRY_SECONDS = env.int("NOTIFICATION_RETRY_SECONDS", default=60)
NOTIFICATION_MAX_ATTEMPTS = env.int("NOTIFICATION_MAX_ATTEMPTS", default=8)
# The domain of the partnership's own addresses; the demo's contact topics route to it.
EMAIL_DOMAIN = env("EMAIL_DOMAIN", default="bhp.example")
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default=f"website@{EMAIL_DOMAIN}")
SERVER_EMAIL = env("SERVER_EMAIL", default=DEFAULT_FROM_EMAIL)

# The contact form and footer (contact/). The address shown in every footer and for questions
# about privacy; the postal address, if any; links to the partnership's social media accounts,
# as "LinkedIn=https://...,Bluesky=https://...".
CONTACT_EMAIL = env("CONTACT_EMAIL", default=f"enquiries@{EMAIL_DOMAIN}")
CONTACT_POSTAL_ADDRESS = env("CONTACT_POSTAL_ADDRESS", default="")
SOCIAL_LINKS = list(env.dict("SOCIAL_LINKS", default={}).items())
# Enquiries are deleted this many days after they were sent (stated on the privacy page).
ENQUIRY_RETENTION_DAYS = env.int("ENQUIRY_RETENTION_DAYS", default=180)
# Spam defences: a form sent sooner than this after the page was loaded, or from a page older
# than the maximum, is refused; so is more than the limit of enquiries from one address
# within the window.
CONTACT_MIN_FILL_SECONDS = env.int("CONTACT_MIN_FILL_SECONDS", default=3)
CONTACT_MAX_FORM_AGE_HOURS = env.int("CONTACT_MAX_FORM_AGE_HOURS", default=24)
CONTACT_RATE_LIMIT = env.int("CONTACT_RATE_LIMIT", default=5)
CONTACT_RATE_WINDOW_MINUTES = env.int("CONTACT_RATE_WINDOW_MINUTES", default=60)

# Member sign-off (signoff/). True: members named in an article must sign it off before it
# is published. False: staff may publish without it by ticking a box, which is audited.
SIGN_OFF_REQUIRED = env.bool("SIGN_OFF_REQUIRED", default=False)
