"""Queries built by the ORM once per shape and then run as plain SQL: `values_rows`.

A busy page's few querysets cost more in Python than in PostgreSQL: Django builds the query tree, resolves its
expressions and compiles it to SQL on every request (for the topic page's two reply queries, most of the time
spent reading the replies). Yet the SQL of a query is the same from one request to the next but for a few
numbers (a topic's id, the ids of the page's top-level replies) or words (a topic's slug). So the query is built
once per shape (what changes its SQL: the order, the page's offset, how many ids) with stand-in values, its SQL
and parameters are kept in this process, and each request puts its own values in place of the stand-ins and runs
it on a cursor.

The result is what the queryset itself gives: its `.values()` rows as dictionaries, read from the database
the router chooses for reading the model on this request, as a prepared statement where the backend allows
(`cursor_for`: PostgreSQL then plans each shape once per connection instead of on every request). Only on
PostgreSQL, whose driver returns each column as Django would; elsewhere (SQLite in development and tests) the
queryset is simply evaluated.
"""

from collections.abc import Callable, Sequence

from django.core.exceptions import EmptyResultSet
from django.db import connections, router
from django.db.models import QuerySet

STAND_IN_BASE = -7_346_000_000_000  # far from any id: stand-in number i is STAND_IN_BASE - i
STAND_IN_TEXT = "\x00rr-stand-in-{}\x00"  # no form accepts a control character: stand-in text i
_kept: dict[tuple, tuple[str, tuple, list[int | None], list[str]] | None] = {}
KEPT = 500  # shapes per process: a few dozen in practice


def values_rows(model, shape: tuple, build: Callable[..., QuerySet], numbers: Sequence[int | str]) -> list[dict]:
    """The rows of `build(*numbers)`, a `.values()` queryset of `model` whose SQL differs between calls with
    the same `shape` only in where `numbers` go (each number, or text, must reach the SQL as a parameter of its
    own, unchanged: an exact match, not a `contains`). A shape takes the same kinds of values in the same places
    on every call."""
    alias = router.db_for_read(model)
    if connections[alias].vendor != "postgresql":
        return list(build(*numbers))
    key = (alias, *shape, tuple(type(number) is str for number in numbers))
    if key not in _kept:
        _kept[key] = _prepare(build, key[-1], alias)
        if len(_kept) > KEPT:
            _kept.pop(next(iter(_kept)))
    prepared = _kept[key]
    if prepared is None:  # a shape whose SQL does not take the numbers as plain parameters
        return list(build(*numbers).using(alias))
    sql, params, slots, names = prepared
    values = list(params)
    for position, index in enumerate(slots):
        if index is not None:
            values[position] = numbers[index]
    with cursor_for(alias) as cursor:
        cursor.execute(sql, values)
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def cursor_for(alias: str):
    """A cursor on database `alias` whose statements PostgreSQL plans once per connection (a prepared
    statement) where the backend offers it (ruangrunding.postgresql); otherwise an ordinary cursor."""
    connection = connections[alias]
    prepared_cursor = getattr(connection, "prepared_cursor", None)
    return prepared_cursor() if prepared_cursor is not None else connection.cursor()


def _prepare(build: Callable[..., QuerySet], texts: tuple[bool, ...], alias: str):
    stand_ins = [STAND_IN_TEXT.format(index) if text else STAND_IN_BASE - index for index, text in enumerate(texts)]
    query = build(*stand_ins).using(alias).query
    try:
        sql, params = query.get_compiler(alias).as_sql()
    except EmptyResultSet:
        return None
    positions = {stand_in: index for index, stand_in in enumerate(stand_ins)}
    slots = [positions.get(param) if type(param) in (int, str) else None for param in params]
    if {index for index in slots if index is not None} != set(range(len(texts))):
        return None  # some value did not become a parameter (or was changed on the way): not safe to fill in
    names = [*query.extra_select, *query.values_select, *query.annotation_select]
    return sql, tuple(params), slots, names


def forget() -> None:
    """Drop the kept SQL (tests that change settings a query's SQL depends on)."""
    _kept.clear()
