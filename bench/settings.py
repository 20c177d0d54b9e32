"""Production settings plus the benchmark's baseline view and commands. Never deployed."""

from bhp.settings import *  # noqa: F403

INSTALLED_APPS = [*INSTALLED_APPS, "bench"]  # noqa: F405
ROOT_URLCONF = "bench.urls"
