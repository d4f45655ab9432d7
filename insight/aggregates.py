"""A median the database computes: PostgreSQL's percentile_cont, and on SQLite (the laptop default) an
aggregate function registered on each new connection, so both engines answer the same query."""

import statistics

from django.db.backends.signals import connection_created
from django.db.models import Aggregate, DurationField

SQLITE_FUNCTION = "ruangrunding_median"


class Median(Aggregate):
    name = "Median"
    template = "percentile_cont(0.5) WITHIN GROUP (ORDER BY %(expressions)s)%(filter)s"
    output_field = DurationField()

    def as_sqlite(self, compiler, connection, **extra_context):
        return super().as_sql(compiler, connection, template=f"{SQLITE_FUNCTION}(%(expressions)s)%(filter)s")


class _SQLiteMedian:
    def __init__(self):
        self.values = []

    def step(self, value):
        if value is not None:
            self.values.append(value)

    def finalize(self):
        return statistics.median(self.values) if self.values else None


def register_sqlite_median(sender, connection, **kwargs) -> None:
    if connection.vendor == "sqlite":
        connection.connection.create_aggregate(SQLITE_FUNCTION, 1, _SQLiteMedian)


connection_created.connect(register_sqlite_median, dispatch_uid="insight-sqlite-median")
