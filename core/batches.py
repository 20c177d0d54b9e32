"""Work that each save does for itself, done once for many saves instead.

An import saving thousands of objects runs every save's signals; where a receiver's work
can be done for many objects in one go (computing search vectors, say), the receiver asks
`later()` to keep it while a `batch()` is open, and the batch does it once as it closes.
Outside a batch `later()` keeps nothing and the receiver does its work at once, as usual.
"""

from contextlib import contextmanager
from contextvars import ContextVar

_pending = ContextVar("batched_work", default=None)


@contextmanager
def batch():
    """Keep the work receivers hand to `later()` until the block ends, then do it, once per
    kind of work with every key it was asked for (also when the block ends in an error:
    what was saved before it still needs its work done)."""
    token = _pending.set({})
    try:
        yield
    finally:
        pending = _pending.get()
        _pending.reset(token)
        for (work, args), keys in pending.items():
            work(*args, list(keys))


def later(work, *args, key):
    """Keep `work(*args, keys)` for the open batch, with `key` among its keys; False (and
    nothing kept) when no batch is open, so the caller does the work itself."""
    pending = _pending.get()
    if pending is None:
        return False
    # A dict as an ordered set: each key once, in the order first asked for.
    pending.setdefault((work, args), {})[key] = None
    return True
