"""Settings of the bare baseline: nothing Django can do without."""

import os

SECRET_KEY = os.environ.get("SECRET_KEY", "bench-bare-only-never-deployed")
DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
ROOT_URLCONF = "bench.bare.urls"
INSTALLED_APPS = []
MIDDLEWARE = []
DATABASES = {}
USE_TZ = True
