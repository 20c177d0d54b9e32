"""Run the site under gunicorn and drive it with wrk or locust, for the benchmark commands."""

import csv
import os
import re
import subprocess
import sys
import tempfile
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

from django.conf import settings

BIN = Path(sys.executable).parent


@contextmanager
def gunicorn(port, app="bhp.wsgi", **env):
    """The site (or `app`) under gunicorn with production settings (plus `env`), until the
    block ends."""
    environ = {**os.environ, "GUNICORN_BIND": f"127.0.0.1:{port}", **env}
    server = subprocess.Popen(  # noqa: S603 (our own gunicorn with fixed arguments)
        [BIN / "gunicorn", "-c", "gunicorn.conf.py", app],
        cwd=settings.BASE_DIR,
        env=environ,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        _wait_until_healthy(f"http://127.0.0.1:{port}")
        yield f"http://127.0.0.1:{port}"
    finally:
        server.terminate()
        server.wait(timeout=30)


def _wait_until_healthy(host, seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{host}/health/", timeout=2) as answer:  # noqa: S310
                if answer.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"gunicorn did not become healthy at {host}")


def locust(host, locustfile, *, users, seconds, **env):
    """Run locust headless; return its aggregated figures (requests/s, failures, ...)."""
    with tempfile.TemporaryDirectory() as folder:
        prefix = Path(folder) / "run"
        subprocess.run(  # noqa: S603 (our own locustfile with fixed arguments)
            [
                BIN / "locust",
                "-f",
                locustfile,
                "--headless",
                "--only-summary",
                "-u",
                str(users),
                "-r",
                str(users),
                "-t",
                f"{seconds}s",
                "--host",
                host,
                "--csv",
                str(prefix),
                "--loglevel",
                "WARNING",
            ],
            cwd=settings.BASE_DIR,
            env={**os.environ, **env},
            check=False,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        with open(f"{prefix}_stats.csv", newline="") as stats:
            rows = {row["Name"]: row for row in csv.DictReader(stats)}
        with open(f"{prefix}_failures.csv", newline="") as failures:
            failed = list(csv.DictReader(failures))
    return rows, failed


WRK_RATE = re.compile(r"^Requests/sec:\s+([\d.]+)", re.MULTILINE)
WRK_TROUBLE = re.compile(r"^\s+(Non-2xx or 3xx responses: \d+|Socket errors: .*)$", re.MULTILINE)


def wrk(url, *, seconds, connections=16, threads=2, headers=()):
    """Requests per second wrk gets from `url`; raises on any failed or non-2xx answer.
    `headers` ("Name: value") are sent with each request."""
    sent = [option for header in headers for option in ("-H", header)]
    # A generous timeout: on a busy machine an uncached page can take a second or two.
    command = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--timeout", "10s"]
    run = subprocess.run(  # noqa: S603 (wrk with fixed arguments)
        [*command, *sent, url],
        capture_output=True,
        text=True,
        check=True,
    )
    if trouble := WRK_TROUBLE.findall(run.stdout):
        raise RuntimeError(f"{url}: {'; '.join(trouble)}")
    return float(WRK_RATE.search(run.stdout).group(1))
