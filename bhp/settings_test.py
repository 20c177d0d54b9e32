"""Settings for the test suite: production settings with fast, self-contained parts."""

import os

# Tests run the production configuration, whatever a developer's .env says.
os.environ["DEBUG"] = "false"
os.environ.setdefault("SECRET_KEY", "test-only-not-secret")
os.environ.setdefault("ALLOWED_HOSTS", "testserver,localhost,127.0.0.1")
os.environ.setdefault("SECURE_SSL_REDIRECT", "false")

from bhp.settings import *  # noqa: F403

# Hashing passwords slowly is a production virtue and a test-suite cost.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES["staticfiles"]["BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"  # noqa: F405
STATIC_ROOT = None  # tests never collect static files; WhiteNoise serves them via finders
WHITENOISE_USE_FINDERS = True
