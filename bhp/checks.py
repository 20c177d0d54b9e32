from django.conf import settings
from django.core import checks


@checks.register(checks.Tags.caches, deploy=True)
def check_shared_cache(app_configs, **kwargs):
    """Each gunicorn worker has its own local-memory cache, and a save clears only the cache
    of the worker that made it: the other workers would keep serving old pages, and old
    parts of pages even with the page cache off."""
    backend = settings.CACHES["default"]["BACKEND"]
    if backend.endswith("LocMemCache"):
        return [
            checks.Warning(
                "The cache is in local memory, so pages go stale across workers.",
                hint="Set CACHE_URL to a shared cache (redis://...).",
                id="bhp.W001",
            )
        ]
    return []
