"""`make scaletest` (pytest --scale tests/scale): the servers a larger deployment adds, started here for real."""

import shutil
import tempfile
from pathlib import Path

import pytest
from django.db import connection

from tests.scale.servers import PgBouncer, RedisServer, StreamingReplica


@pytest.fixture(scope="session")
def pgbouncer():
    """PgBouncer in transaction mode in front of the PostgreSQL server the suite runs on."""
    db = connection.settings_dict
    if not db["ENGINE"].endswith("postgresql"):
        pytest.fail("make scaletest needs PostgreSQL: set DATABASE_URL=postgres://…")
    # Under /tmp itself, not pytest's private temporary folder: as root PgBouncer runs as postgres, who must
    # reach its folder.
    directory = Path(tempfile.mkdtemp(prefix="ruangrunding-pgbouncer-"))
    pooler = PgBouncer(
        directory,
        upstream_host=db["HOST"] or "127.0.0.1",
        upstream_port=int(db["PORT"] or 5432),
        user=db["USER"] or "postgres",
    )
    try:
        pooler.start()
        yield pooler
    finally:
        pooler.stop()
        shutil.rmtree(directory, ignore_errors=True)


@pytest.fixture(scope="module")
def redis_server(tmp_path_factory):
    """A Redis of the test's own on a free port (the system one on 6379 is left alone)."""
    server = RedisServer(tmp_path_factory.mktemp("redis"))
    server.start()
    yield server
    server.stop()


@pytest.fixture
def empty_redis(redis_server):
    redis_server.client().flushall()
    return redis_server


@pytest.fixture(scope="module")
def streaming_replica():
    """A PostgreSQL primary and its streaming replica of the test's own (tests.scale.servers.StreamingReplica)."""
    # Under /tmp itself: as root the clusters run as postgres, who must reach their folder.
    pair = StreamingReplica(Path(tempfile.mkdtemp(prefix="ruangrunding-replica-")))
    try:
        pair.start()
        yield pair
    finally:
        pair.stop()
        shutil.rmtree(pair.directory, ignore_errors=True)
