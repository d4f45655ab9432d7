"""A bounded store of values a worker computed once and reuses: the least recently used dropped first.

Kept per process (each gunicorn worker has its own), safe under threads. Used wherever a value is derived from
versioned data and kept under a key naming that version — a signed-in reader's topic page (rpjpd.kept_pages),
the library's search rankings and results (pustaka.search, pustaka.templatetags.pustaka_results) — so an entry
is never wrong, only unused once its version has moved on, and ages out here."""

from collections import OrderedDict
from collections.abc import Callable, Hashable
from threading import Lock

MISSING = object()


class Kept:
    """At most `size` values; reading one makes it the most recently used."""

    def __init__(self, size: int):
        self.size = size
        self._values: OrderedDict[Hashable, object] = OrderedDict()
        self._lock = Lock()

    def get(self, key: Hashable, default=None):
        with self._lock:
            value = self._values.get(key, MISSING)
            if value is MISSING:
                return default
            self._values.move_to_end(key)
            return value

    def put(self, key: Hashable, value) -> None:
        with self._lock:
            self._values[key] = value
            self._values.move_to_end(key)
            while len(self._values) > self.size:
                self._values.popitem(last=False)

    def get_or_build(self, key: Hashable, build: Callable[[], object]):
        """The value kept under `key`, or `build()` kept there (built outside the lock: two threads asking at
        once may both build it, and the later one is kept)."""
        value = self.get(key, MISSING)
        if value is MISSING:
            value = build()
            self.put(key, value)
        return value

    def clear(self) -> None:
        with self._lock:
            self._values.clear()

    def __len__(self) -> int:
        return len(self._values)
