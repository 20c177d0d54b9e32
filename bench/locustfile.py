"""Load for `make bench`: visitors fetching one address as fast as the site answers.

The address is in BENCH_PATH; `manage.py bench` runs this once per page.
"""

import os

from locust import FastHttpUser, task


class Visitor(FastHttpUser):
    path = os.environ.get("BENCH_PATH", "/")

    @task
    def visit(self):
        self.client.get(self.path, name=self.path)
