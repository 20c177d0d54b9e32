"""Expiry on time, when a worker runs: a task queued for the moment a link expires.

Without a worker that can wait (the immediate backend of `make run`), expiry is found on
read instead (`SignOffQuerySet.expire_due`): either way the requester is told once.
"""

from django.db import transaction
from django.tasks import task


@task
def expire(sign_off_id, site):
    from .models import SignOff

    # Asked again since: the newer request has a later expiry, and its own task.
    SignOff.objects.filter(pk=sign_off_id).expire_due(site)


def expire_on_time(sign_off, site):
    if expire.get_backend().supports_defer:
        run_after = sign_off.expires_at
        transaction.on_commit(lambda: expire.using(run_after=run_after).enqueue(sign_off.pk, site))
