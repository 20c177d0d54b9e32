"""Run deploy/nginx.conf, the production proxy and HTTP cache, with Debian's nginx as an
ordinary user: for `make bench-http-cache` and tests/test_scale_out.py.

The production file is used as it is, with only its addresses and folders swapped for local
ones, so what is measured and tested is what docker-compose.yml runs.
"""

import os
import pwd
import shutil
import socket
import subprocess
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from pathlib import Path

from django.conf import settings

NGINX = "/usr/sbin/nginx"
PRODUCTION_CONF = Path(settings.BASE_DIR) / "deploy" / "nginx.conf"

# A whole nginx.conf around the production server block: no root, no system folders.
MAIN_CONF = """\
{user}worker_processes 1;
pid {folder}/nginx.pid;
error_log {folder}/error.log warn;
events {{ worker_connections 1024; }}
http {{
    access_log off;
    default_type application/octet-stream;
    sendfile on;
    client_body_temp_path {folder}/client_body;
    proxy_temp_path {folder}/proxy;
    fastcgi_temp_path {folder}/fastcgi;
    uwsgi_temp_path {folder}/uwsgi;
    scgi_temp_path {folder}/scgi;
{site}
    # A plain file from disk through the same nginx: the ceiling the cache is measured by.
    server {{
        listen 127.0.0.1:{static_port};
        location / {{ root {folder}/static; }}
    }}
}}
"""


def _swap(text, old, new):
    if text.count(old) != 1:
        raise ValueError(
            f"deploy/nginx.conf no longer has exactly one {old!r}: update bench/nginx.py"
        )
    return text.replace(old, new)


def render(folder, *, port, static_port, upstreams, cache_seconds=1):
    """nginx.conf for a local run: the production site in front of `upstreams` (host:port)."""
    site = PRODUCTION_CONF.read_text()
    site = _swap(site, "/var/cache/nginx/bhp", f"{folder}/cache")
    site = _swap(site, "server web:8000;", " ".join(f"server {u};" for u in upstreams))
    site = _swap(site, "listen 80;", f"listen 127.0.0.1:{port};")
    inner = free_port()
    site = _swap(site, "listen 127.0.0.1:8081;", f"listen 127.0.0.1:{inner};")
    site = _swap(site, "server 127.0.0.1:8081;", f"server 127.0.0.1:{inner};")
    site = _swap(site, "proxy_cache_valid 200 1s;", f"proxy_cache_valid 200 {cache_seconds}s;")
    # As root (CI, containers), nginx's workers would become `nobody`, who cannot read the
    # folders this user made; anyone else runs nginx as themselves already.
    user = f"user {pwd.getpwuid(os.geteuid()).pw_name};\n" if os.geteuid() == 0 else ""
    return MAIN_CONF.format(folder=folder, site=site, static_port=static_port, user=user)


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def available():
    return Path(NGINX).exists()


@contextmanager
def nginx(folder, *, port, static_port, upstreams, cache_seconds=1):
    """Debian's nginx with the production configuration until the block ends. Files put in
    `folder`/static are served as they are on `static_port`."""
    folder = Path(folder)
    (folder / "static").mkdir(parents=True, exist_ok=True)
    conf = folder / "nginx.conf"
    conf.write_text(
        render(
            folder,
            port=port,
            static_port=static_port,
            upstreams=upstreams,
            cache_seconds=cache_seconds,
        )
    )
    # -e: the error log nginx opens before it reads the configuration (not /var/log).
    command = [NGINX, "-p", str(folder), "-c", str(conf), "-e", str(folder / "error.log")]
    subprocess.run([*command, "-t", "-q"], check=True)  # noqa: S603 (fixed arguments)
    server = subprocess.Popen([*command, "-g", "daemon off;"])  # noqa: S603
    try:
        _wait_until_listening(f"http://127.0.0.1:{static_port}/", server)
        yield f"http://127.0.0.1:{port}"
    finally:
        server.terminate()
        server.wait(timeout=30)
        shutil.rmtree(folder / "cache", ignore_errors=True)


def _wait_until_listening(address, server, seconds=10):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError("nginx stopped at start: see its error.log")
        try:
            urllib.request.urlopen(address, timeout=1)  # noqa: S310 (loopback)
        except urllib.error.HTTPError:
            return  # it answered (404: nothing there yet)
        except OSError:
            time.sleep(0.1)
        else:
            return
    raise RuntimeError(f"nginx did not start listening at {address}")
