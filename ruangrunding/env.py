"""Typed readers for environment variables.

Each helper fails loudly (ImproperlyConfigured) on a value it cannot read, so a typo in a deployment's
environment stops the process at start-up instead of silently falling back to a default.
"""

import os
from datetime import time
from urllib.parse import unquote, urlsplit

from django.core.exceptions import ImproperlyConfigured

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_str(name: str, default: str | None = None) -> str | None:
    value = os.environ.get(name)
    return default if value is None else value.strip()


def env_required(name: str, why: str) -> str:
    value = env_str(name)
    if not value:
        raise ImproperlyConfigured(f"{name} must be set: {why}")
    return value


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    lowered = value.strip().lower()
    if lowered in _TRUE:
        return True
    if lowered in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name}={value!r} is not a boolean (use 1/0, true/false, yes/no, on/off)")


def env_int(name: str, default: int, *, minimum: int | None = None) -> int:
    value = os.environ.get(name)
    if value is None or not value.strip():
        return default
    try:
        number = int(value.strip())
    except ValueError:
        raise ImproperlyConfigured(f"{name}={value!r} is not a whole number") from None
    if minimum is not None and number < minimum:
        raise ImproperlyConfigured(f"{name}={number} must be at least {minimum}")
    return number


def env_list(name: str, default: list[str] | None = None) -> list[str]:
    value = os.environ.get(name)
    if value is None:
        return list(default or [])
    return [item.strip() for item in value.split(",") if item.strip()]


def env_time(name: str, default: str) -> time:
    value = env_str(name, default) or default
    try:
        return time.fromisoformat(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name}={value!r} is not a time of day (use HH:MM, e.g. 16:00)") from None


def env_weekdays(name: str, default: str) -> tuple[int, ...]:
    """Weekdays as ISO numbers, Monday 1 … Sunday 7: "1-5" or "1,2,3,4,5,6"; returned as Python's 0-6."""
    value = env_str(name, default) or default
    days: set[int] = set()
    try:
        for part in value.split(","):
            first, _, last = part.strip().partition("-")
            days.update(range(int(first), int(last or first) + 1))
    except ValueError:
        raise ImproperlyConfigured(f"{name}={value!r} is not a list of weekdays (e.g. 1-5 or 1,2,3,4,5,6)") from None
    if not days or not days <= set(range(1, 8)):
        raise ImproperlyConfigured(f"{name}={value!r}: weekdays are numbered 1 (Monday) to 7 (Sunday)")
    return tuple(sorted(day - 1 for day in days))


def env_choice(name: str, default: str, choices: set[str]) -> str:
    value = (env_str(name, default) or default).lower()
    if value not in choices:
        raise ImproperlyConfigured(f"{name}={value!r} must be one of: {', '.join(sorted(choices))}")
    return value


def cache_from_url(url: str) -> dict:
    """Turn CACHE_URL into a CACHES entry: db://table, redis://host:port/db, locmem://, dummy://."""
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme == "db":
        table = (parts.netloc + parts.path).strip("/") or "django_cache"
        return {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": table}
    if scheme in {"redis", "rediss"}:
        # The whole URL, query included: redis-py reads its options from it with their types
        # (?socket_timeout=1 a number); passed as OPTIONS they would stay strings and break every connection.
        return {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": url}
    if scheme == "locmem":
        return {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": unquote(parts.netloc)}
    if scheme == "dummy":
        return {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}
    raise ImproperlyConfigured(f"CACHE_URL={url!r}: scheme must be db, redis, rediss, locmem or dummy")
