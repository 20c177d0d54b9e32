"""gunicorn settings; each can be overridden by the environment variable named beside it."""

import multiprocessing
import os

from gunicorn.http import wsgi

bind = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))
# Slow clients: docker-compose.yml puts nginx in front, which reads each request whole
# before passing it on, so no visitor's slow connection ever holds a worker. Workers are
# also threaded, for what reaches gunicorn directly (the container's own health check, a
# host that runs the image without the proxy, `make bench`): a sync worker is held by one
# client that sends its headers slowly, so two such clients could stop a small site; here
# a worker waits for a connection's first bytes outside its threads, and a client dripping
# its headers holds one thread, not the worker. The proxy is the real defence: threads
# only make the attack cost GUNICORN_THREADS times more connections.
worker_class = "gthread"
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
worker_tmp_dir = "/dev/shm"  # noqa: S108 (a RAM disk avoids heartbeat stalls on slow disks)
timeout = 30
graceful_timeout = 30
# Recycle workers now and then so a slow leak cannot grow without bound, but rarely: a new
# worker starts without the parts of pages each worker keeps in its memory, and every 1,000
# requests (a few seconds under load) cost cached pages about a quarter of their throughput
# (docs/performance.md). The app is loaded once, before the workers are forked, so a new
# worker starts at once instead of importing everything again (and the workers share that
# memory). A new release therefore needs a restart of gunicorn (as a container deploy
# does), not just a HUP.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "100000"))
max_requests_jitter = max_requests // 10
preload_app = True
# No access log: the site logs one line per request itself (bhp.middleware), as JSON
# when LOG_FORMAT=json.
errorlog = "-"
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
# gunicorn names itself in every response's Server header, and has no setting for it:
# naming the software only helps someone looking for a known flaw in it.
wsgi.SERVER = "bhp"


def _is_the_site():
    # The benchmark's bare baseline (bench/bare) runs under this file too, without the apps.
    from django.apps import apps

    return apps.is_installed("bhp")


def when_ready(server):
    # In the master, with the app preloaded: what this loads, every worker inherits.
    if not _is_the_site():
        return
    from bhp.apps import load_views_and_templates
    from pagecache.versions import release

    load_views_and_templates()
    release()  # a digest of every source file: once, not once per worker


def post_worker_init(worker):
    if not _is_the_site():
        return
    from bhp.apps import look_up_content_types

    look_up_content_types()
