"""The session store of the portal (SESSION_ENGINE "accounts.sessions", the default): Django's database store,
reading the signed-in person's row in the same query as the session.

Every signed-in page needs two rows before it can start: the session, then the person it names. Django reads them
one after the other. Our session row (accounts.models.Session) also holds the id of the person signed in with it,
written from the session's own data whenever the session is saved, so one query joins the two tables. The person
found that way is only a proposal: accounts.middleware.AuthenticationMiddleware takes it only when Django's own
checks pass — the session names that person, a configured backend, an active account, the session's password
hash — and otherwise asks Django's `get_user` as before. Everything else (saving, cycling keys, expiry,
`clearsessions`) is Django's store, unchanged.
"""

from functools import cache

from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.backends import db
from django.core.exceptions import ValidationError
from django.db import connections, router
from django.utils import timezone

from accounts.models import Session, User
from ruangrunding import prepared


class LoadedSession:
    """What Django's store reads of a session row (its data)."""

    __slots__ = ("session_data",)

    def __init__(self, session_data: str):
        self.session_data = session_data


class SessionStore(db.SessionStore):
    loaded_user: User | None = None  # the person whose row came with the session (a proposal, see above)

    @classmethod
    def get_model_class(cls):
        return Session

    def create_model_instance(self, data):
        session = super().create_model_instance(data)
        session.user_id = _person_id(data)
        return session

    def _get_session_from_db(self):
        self.loaded_user = None
        if not self.session_key:  # no key, or one that failed the store's checks: nothing to read
            self._session_key = None
            return None
        alias = router.db_for_read(self.model)
        connection = connections[alias]
        sql, names, converters = _select(alias)
        now = connection.ops.adapt_datetimefield_value(timezone.now())
        with prepared.cursor_for(alias) as cursor:  # planned once per connection on PostgreSQL
            cursor.execute(sql, [self.session_key, now])
            row = cursor.fetchone()
        if row is None:
            self._session_key = None
            return None
        if row[1 + USER_PK_INDEX] is not None:  # a person is signed in with this session, and still exists
            values = list(row[1:])
            for index, column, functions in converters:
                for function in functions:
                    values[index] = function(values[index], column, connection)
            self.loaded_user = User.from_db(alias, names, values)
        return LoadedSession(row[0])


USER_PK_INDEX = User._meta.concrete_fields.index(User._meta.pk)
USER_COLUMN = Session._meta.get_field("user").column


def _person_id(data: dict) -> int | None:
    try:
        return User._meta.pk.to_python(data[SESSION_KEY])
    except (KeyError, ValidationError):
        return None


@cache
def _select(alias: str) -> tuple[str, list[str], list[tuple]]:
    """The query, built once per database from the models' own table and column names; the user's field names;
    the converters the ORM would run on each user column (SQLite gives times and booleans as stored)."""
    connection = connections[alias]
    quote = connection.ops.quote_name
    user_fields = User._meta.concrete_fields
    converters = []
    for index, field in enumerate(user_fields):
        column = field.get_col(User._meta.db_table)
        functions = connection.ops.get_db_converters(column) + field.get_db_converters(connection)
        if functions:
            converters.append((index, column, functions))
    columns = ", ".join(f"u.{quote(field.column)}" for field in user_fields)
    sql = (
        f"SELECT s.session_data, {columns} FROM {quote(Session._meta.db_table)} s"  # noqa: S608 — names only
        f" LEFT JOIN {quote(User._meta.db_table)} u ON u.{quote(User._meta.pk.column)} = s.{quote(USER_COLUMN)}"
        " WHERE s.session_key = %s AND s.expire_date > %s"
    )
    return sql, [field.attname for field in user_fields], converters
