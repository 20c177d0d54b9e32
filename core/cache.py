"""django-redis's cache, quick to give up on a Redis in trouble.

The cache is only a speed-up, so a Redis that has hung or gone away must cost a page little:
each connection and each reply is waited for briefly (CACHE_CONNECT_TIMEOUT,
CACHE_READ_TIMEOUT), and after one failure the cache is not asked again for
CACHE_RETRY_SECONDS, so a page that reads a dozen cached parts waits once, not a dozen times.
Callers still see an error for every operation (and render uncached).

It also carries news between processes (`announce`, `listen`): Redis's publish and subscribe,
so that a process can keep what it read until another says it changed.
"""

import logging
import select
import time

from django.conf import settings
from django_redis.cache import RedisCache as DjangoRedisCache
from redis.backoff import NoBackoff
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError
from redis.exceptions import WatchError
from redis.retry import Retry

logger = logging.getLogger(__name__)


class CacheResting(RedisConnectionError):
    """Refused without asking Redis: it failed moments ago."""


# When each cache, named by its servers, last failed. Kept per process, not per connection:
# every connection to a Redis in trouble should rest at once.
_failed_at = {}


class PauseAfterFailure(Retry):
    """redis-py's retry policy for the cache: never try a failed operation again at once,
    and try none at all for CACHE_RETRY_SECONDS after a failure.

    redis-py runs every connect, command and pipeline through its connection's policy, so
    this is the one place that sees them all.
    """

    def __init__(self, servers):
        super().__init__(NoBackoff(), retries=0)
        self.servers = servers

    def call_with_retry(self, do, fail, *args, **kwargs):
        failed = _failed_at.get(self.servers)
        if failed is not None and time.monotonic() - failed < settings.CACHE_RETRY_SECONDS:
            raise CacheResting(f"The cache failed {time.monotonic() - failed:.1f} s ago")
        try:
            result = super().call_with_retry(do, fail, *args, **kwargs)
        except (RedisConnectionError, RedisTimeoutError) as error:
            _failed_at[self.servers] = time.monotonic()
            logger.warning(
                "Cache unavailable (%s); not asked again for %g s",
                error,
                settings.CACHE_RETRY_SECONDS,
            )
            raise
        _failed_at.pop(self.servers, None)
        return result


class RedisCache(DjangoRedisCache):
    """django-redis, which keeps one client per server and a connection pool per process,
    with the timeouts and the pause above unless the cache's OPTIONS say otherwise."""

    def __init__(self, server, params):
        options = {
            "SOCKET_CONNECT_TIMEOUT": settings.CACHE_CONNECT_TIMEOUT,
            "SOCKET_TIMEOUT": settings.CACHE_READ_TIMEOUT,
            "CONNECTION_POOL_KWARGS": {"retry": PauseAfterFailure(server)},
            **params.get("OPTIONS", {}),
        }
        super().__init__(server, {**params, "OPTIONS": options})

    def announce(self, channel):
        """Tell every process listening on `channel` (see `listen`) that it changed."""
        self.client.get_client(write=True).publish(self.make_key(channel), b"")

    def set_unless_changed(self, key, value, mark, seen, only_if_new=False):
        """Keep `value` at `key` (for ever) unless the value at `mark` is no longer `seen`,
        in one step that no write to `mark` can come into (Redis's WATCH); with
        `only_if_new`, only if nothing is kept at `key` either. Whether it was kept."""
        mark = self.make_key(mark)
        with self.client.get_client(write=True).pipeline() as pipe:
            try:
                pipe.watch(mark)
                found = pipe.get(mark)
                if (None if found is None else self.client.decode(found)) != seen:
                    return False
                pipe.multi()
                pipe.set(self.make_key(key), self.client.encode(value), nx=only_if_new)
                return bool(pipe.execute()[0])
            except WatchError:  # written meanwhile
                return False

    def listen(self, channel):
        """A `Listener` to `channel`, on a connection of its own (a subscribed connection can
        send nothing else) with the same server, timeouts and pause after a failure."""
        pool = self.client.get_client(write=False).connection_pool
        # Channels belong to the server, not to a database: no SELECT on connecting.
        connection = pool.connection_class(**{**pool.connection_kwargs, "db": 0})
        try:
            connection.connect()
            return connection.retry.call_with_retry(
                lambda: Listener(connection, self.make_key(channel)), lambda _error: None
            )
        except Exception:  # refused, timed out, or not allowed to subscribe
            connection.disconnect()
            raise


class Listener:
    """A subscription to one channel that never waits: `heard()` says whether anything was
    announced on it since it was last asked.

    Made only once Redis has confirmed the subscription, so whatever is announced after it
    is made is heard. A broken connection raises redis's ConnectionError from `heard()`:
    what was announced meanwhile is lost, so the listener is of no more use.
    """

    def __init__(self, connection, channel):
        self._connection = connection
        connection.send_command("SUBSCRIBE", channel)
        connection.read_response(push_request=True)
        # Asked before every request, so asked of the socket itself (one poll() call, a
        # tenth of redis-py's way); redis-py's buffer is emptied each time anything is heard,
        # and now, so that nothing waits there unseen.
        self._socket = select.poll()
        self._socket.register(connection._sock, select.POLLIN)
        self._drain()

    def heard(self):
        return bool(self._socket.poll(0)) and self._drain()

    def _drain(self):
        heard = False
        while self._connection.can_read(timeout=0):
            self._connection.read_response(push_request=True)
            heard = True
        return heard

    def close(self):
        self._connection.disconnect()
