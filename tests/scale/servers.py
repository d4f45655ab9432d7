"""The engines `make scaletest` starts for itself on loopback: PgBouncer in front of the PostgreSQL the suite
uses, a Redis of its own (never the system one on 6379, so a test may stop and start it), and a PostgreSQL
primary with a streaming replica. Each runs from a generated configuration in a temporary folder and is
stopped by its fixture."""

import os
import pwd
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import psycopg
import redis

from bench.common import Visitor, hidden, wait_until_up
from tests.helpers import PASSWORD

ROOT = Path(__file__).resolve().parent.parent.parent


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for_port(port: int, process: subprocess.Popen, what: str, seconds: float = 20) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            said = process.stderr.read().decode(errors="replace") if process.stderr else ""
            raise RuntimeError(f"{what} exited at start-up (code {process.returncode}): {said}")
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.1)
    raise RuntimeError(f"{what} did not listen on 127.0.0.1:{port} within {seconds:.0f} s")


def require(program: str) -> str:
    found = shutil.which(program) or shutil.which(program, path="/usr/sbin:/usr/bin")
    if not found:
        raise RuntimeError(f"`make scaletest` needs {program} (Debian: apt-get install {program.split('-')[0]})")
    return found


class PgBouncer:
    """PgBouncer in transaction mode on a free loopback port, in front of one PostgreSQL server.

    Every database name is routed through (the `*` entry), so the test databases pytest-django creates
    (test_…, test_…_gw0) pass through it like the real one. Trust authentication for the one user named in the
    user list, as on the loopback PostgreSQL of development and CI. PgBouncer refuses to run as root: as root
    it is started with `-u postgres` (it drops to that user) and its folder belongs to that user.
    """

    def __init__(self, directory: Path, *, upstream_host: str, upstream_port: int, user: str):
        self.directory = directory
        self.user = user
        self.port = free_port()
        self.process: subprocess.Popen | None = None
        directory.mkdir(parents=True, exist_ok=True)
        (directory / "userlist.txt").write_text(f'"{user}" ""\n')
        (directory / "pgbouncer.ini").write_text(
            "\n".join(
                [
                    "[databases]",
                    f"* = host={upstream_host} port={upstream_port}",
                    "[pgbouncer]",
                    "listen_addr = 127.0.0.1",
                    f"listen_port = {self.port}",
                    "unix_socket_dir =",
                    "auth_type = trust",
                    f"auth_file = {directory / 'userlist.txt'}",
                    f"admin_users = {user}",
                    "pool_mode = transaction",
                    "max_client_conn = 500",
                    "default_pool_size = 20",
                    # Server connections idle for a second are closed, so DROP DATABASE of a test database
                    # (which waits up to 5 s for other sessions) is not held up by the pool.
                    "server_idle_timeout = 1",
                    "stats_period = 1",  # SHOW STATS, which the tests read, up to date within a second
                    "log_stats = 0",
                    f"logfile = {directory / 'pgbouncer.log'}",
                    "",
                ]
            )
        )

    def start(self) -> None:
        command = [require("pgbouncer")]
        if os.geteuid() == 0:
            account = pwd.getpwnam("postgres")
            for path in [self.directory, *self.directory.iterdir()]:
                os.chown(path, account.pw_uid, account.pw_gid)
            command += ["-u", "postgres"]
        # Quiet: everything goes to its log file. A pipe nobody reads would fill and stop PgBouncer mid-run.
        self.process = subprocess.Popen(
            [*command, "--quiet", str(self.directory / "pgbouncer.ini")],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            wait_for_port(self.port, self.process, "pgbouncer")
        except RuntimeError as error:
            raise RuntimeError(f"{error}\n{self.log()}") from None

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)

    def url(self, database: str) -> str:
        return f"postgres://{self.user}@127.0.0.1:{self.port}/{database}"

    def transactions(self, database: str) -> int:
        """Transactions PgBouncer has passed to the server for one database (its admin console, SHOW STATS)."""
        console = ["psql", "-h", "127.0.0.1", "-p", str(self.port), "-U", self.user, "-d", "pgbouncer"]
        result = subprocess.run(
            [*console, "-AtF,", "-c", "SHOW STATS"],
            capture_output=True,
            text=True,
            check=True,
            timeout=10,
        )
        lines = [line.split(",") for line in result.stdout.splitlines()]
        return sum(int(fields[1]) for fields in lines if fields[0] == database)

    def log(self) -> str:
        path = self.directory / "pgbouncer.log"
        return path.read_text(errors="replace") if path.exists() else ""


class RedisServer:
    """redis-server on a free loopback port, nothing saved to disk: a restart starts it empty."""

    def __init__(self, directory: Path):
        self.directory = directory
        self.port = free_port()
        self.process: subprocess.Popen | None = None
        directory.mkdir(parents=True, exist_ok=True)

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        command = [require("redis-server"), "--port", str(self.port), "--bind", "127.0.0.1"]
        command += ["--save", "", "--appendonly", "no", "--dir", str(self.directory), "--logfile", "redis.log"]
        self.process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        wait_for_port(self.port, self.process, "redis-server")
        self.client().ping()

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)

    def restart(self) -> None:
        self.stop()
        self.start()

    def client(self) -> redis.Redis:
        return redis.Redis(host="127.0.0.1", port=self.port, db=0)


def postgres_programs() -> Path:
    """The folder of initdb, pg_ctl and pg_basebackup: PG_BINDIR, else Debian's newest
    /usr/lib/postgresql/<version>/bin (not on PATH there), else PATH."""
    if configured := os.environ.get("PG_BINDIR"):
        return Path(configured)
    versions = sorted(Path("/usr/lib/postgresql").glob("*/bin"), key=lambda path: int(path.parent.name), reverse=True)
    for folder in versions:
        if (folder / "initdb").exists():
            return folder
    if found := shutil.which("initdb"):
        return Path(found).parent
    raise RuntimeError("`make scaletest` needs the PostgreSQL server programs (Debian: apt-get install postgresql)")


class StreamingReplica:
    """A PostgreSQL primary and its streaming replica: two clusters of the test's own on free loopback ports.

    The primary is a fresh `initdb`; the replica is `pg_basebackup -R` of it (a replication slot keeps the WAL
    it has not received yet, so it catches up after being stopped) and starts as a hot standby. Why not a
    replica of the PostgreSQL on 5432 the rest of the suite uses: a base backup and the standby's WAL stream
    are replication connections, which that server's pg_hba.conf must allow with a `replication` line — Debian's
    packaged file has one, but the development and CI machines' file does not, and changing the system
    server's configuration from a test is not the test's business. A primary of our own allows them (initdb
    writes `replication` lines for trust on loopback), copies only itself (not every database on 5432), and is
    thrown away at the end. As root, every PostgreSQL program runs as the postgres user, which owns the folder.
    """

    user = "postgres"

    def __init__(self, directory: Path):
        self.directory = directory
        self.programs = postgres_programs()
        self.primary_port = free_port()
        self.replica_port = free_port()
        while self.replica_port == self.primary_port:
            self.replica_port = free_port()
        self.seconds: dict[str, float] = {}  # how long each start-up step took, for the report

    def _run(self, program: str, *arguments: str) -> str:
        command = [str(self.programs / program), *arguments]
        if os.geteuid() == 0:
            command = ["runuser", "-u", "postgres", "--", *command]
        result = subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)
        if result.returncode != 0:
            raise RuntimeError(f"{program} failed ({result.returncode}): {result.stdout}{result.stderr}")
        return result.stdout

    def _server_options(self, port: int) -> str:
        # fsync off: a test cluster, thrown away at the end, needs no crash safety and writes faster.
        return f"-c port={port} -c listen_addresses=127.0.0.1 -c unix_socket_directories={self.directory} -c fsync=off"

    def _start(self, name: str, port: int) -> None:
        folder = str(self.directory / name)
        log = str(self.directory / f"{name}.log")
        self._run("pg_ctl", "start", "-D", folder, "-l", log, "-w", "-t", "60", "-o", self._server_options(port))

    def _stop(self, name: str) -> None:
        if (self.directory / name / "postmaster.pid").exists():
            self._run("pg_ctl", "stop", "-D", str(self.directory / name), "-m", "fast", "-w", "-t", "60")

    def _timed(self, step: str, action) -> None:
        began = time.monotonic()
        action()
        self.seconds[step] = time.monotonic() - began

    def start(self) -> None:
        if os.geteuid() == 0:
            account = pwd.getpwnam("postgres")
            os.chown(self.directory, account.pw_uid, account.pw_gid)
        primary = str(self.directory / "primary")
        self._timed(
            "initdb",
            lambda: self._run("initdb", "-D", primary, "-U", self.user, "--auth=trust", "-E", "UTF8", "--no-sync"),
        )
        self._timed("primary start", lambda: self._start("primary", self.primary_port))
        self._timed(
            "pg_basebackup -R",
            lambda: self._run(
                "pg_basebackup",
                *("-h", "127.0.0.1", "-p", str(self.primary_port), "-U", self.user),
                *("-D", str(self.directory / "replica"), "-R", "-X", "stream", "-c", "fast"),
                *("--create-slot", "--slot", "ruangrunding_replica"),
            ),
        )
        self._timed("replica start", self.start_replica)

    def start_replica(self) -> None:
        self._start("replica", self.replica_port)
        self.wait_until_streaming()

    def stop_replica(self) -> None:
        self._stop("replica")

    def stop(self) -> None:
        self._stop("replica")
        self._stop("primary")

    def wait_until_streaming(self, seconds: float = 30) -> None:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            with self.connect(self.primary_port) as connection:
                states = connection.execute("SELECT state FROM pg_stat_replication").fetchall()
            if ("streaming",) in states:
                return
            time.sleep(0.1)
        raise RuntimeError(f"the replica did not stream within {seconds:.0f} s:\n{self.log('replica')}")

    def connect(self, port: int, database: str = "postgres") -> psycopg.Connection:
        return psycopg.connect(host="127.0.0.1", port=port, user=self.user, dbname=database, autocommit=True)

    def url(self, port: int, database: str) -> str:
        return f"postgres://{self.user}@127.0.0.1:{port}/{database}"

    def wait_until_caught_up(self, seconds: float = 30) -> None:
        """Until the replica has replayed everything the primary has written so far."""
        with self.connect(self.primary_port) as connection:
            written = connection.execute("SELECT pg_current_wal_lsn()").fetchone()[0]
        deadline = time.monotonic() + seconds
        with self.connect(self.replica_port) as connection:
            while time.monotonic() < deadline:
                query = "SELECT pg_wal_lsn_diff(pg_last_wal_replay_lsn(), %s) >= 0"
                if connection.execute(query, [written]).fetchone()[0]:
                    return
                time.sleep(0.05)
        raise RuntimeError(f"the replica did not catch up within {seconds:.0f} s")

    def pause_replay(self) -> None:
        with self.connect(self.replica_port) as connection:
            connection.execute("SELECT pg_wal_replay_pause()")

    def resume_replay(self) -> None:
        with self.connect(self.replica_port) as connection:
            connection.execute("SELECT pg_wal_replay_resume()")

    def log(self, name: str) -> str:
        path = self.directory / f"{name}.log"
        return path.read_text(errors="replace")[-5000:] if path.exists() else ""


class Gunicorn:
    """The portal under gunicorn (tests.security.pid_wsgi: each answer names the worker's pid) with the given
    environment on top of this process's."""

    def __init__(self, *, workers: int, **environment: str):
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.env = {**os.environ, "DJANGO_SETTINGS_MODULE": "tests.scale.settings", **environment}
        self.env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        self.workers = workers
        self.process: subprocess.Popen | None = None

    def start(self) -> str:
        command = [sys.executable, "-m", "gunicorn", "tests.security.pid_wsgi:application"]
        command += ["--workers", str(self.workers), "--bind", f"127.0.0.1:{self.port}", "--log-level", "warning"]
        self.process = subprocess.Popen(
            command, cwd=ROOT, env=self.env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        wait_until_up(self.base + "/robots.txt", seconds=60)
        return self.base

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=15)


def signed_in(base: str, username: str) -> Visitor:
    """A browser signed in through the real sign-in form."""
    visitor = Visitor(base)
    status, page, _seconds = visitor.request("/akun/login/")
    assert status == 200
    form = {"login": username, "password": PASSWORD, "csrfmiddlewaretoken": hidden(page, "csrfmiddlewaretoken")}
    status, _page, _seconds = visitor.request("/akun/login/", form)
    assert status == 302, f"{username} could not sign in ({status})"
    return visitor


class MotoServer:
    """moto's S3 server (`moto_server`, from PyPI) on a free loopback port: the S3 protocol that MinIO and the
    cloud buckets speak, buckets kept in memory. The portal reaches it through boto3 and django-storages,
    exactly as it reaches a production bucket. Its requests are logged to a file, never to a pipe."""

    ACCESS_KEY = "ruangrunding-uji"
    SECRET_KEY = "rahasia-uji-0123456789"
    REGION = "us-east-1"

    def __init__(self, directory: Path):
        self.directory = directory
        self.port = free_port()
        self.process: subprocess.Popen | None = None
        self.log_file = None
        directory.mkdir(parents=True, exist_ok=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> None:
        self.log_file = (self.directory / "moto.log").open("wb")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "moto.server", "--host", "127.0.0.1", "--port", str(self.port)],
            stdout=self.log_file,
            stderr=subprocess.STDOUT,
        )
        wait_for_port(self.port, self.process, "moto_server")

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)
        if self.log_file:
            self.log_file.close()

    def environment(self) -> dict[str, str]:
        """The portal's variables for this server (docs/deploy.md), without the buckets."""
        return {
            "S3_ENDPOINT_URL": self.url,
            "S3_REGION": self.REGION,
            "S3_ACCESS_KEY_ID": self.ACCESS_KEY,
            "S3_SECRET_ACCESS_KEY": self.SECRET_KEY,
        }

    def client(self):
        import boto3

        return boto3.client(
            "s3",
            endpoint_url=self.url,
            region_name=self.REGION,
            aws_access_key_id=self.ACCESS_KEY,
            aws_secret_access_key=self.SECRET_KEY,
        )

    def log(self) -> str:
        path = self.directory / "moto.log"
        return path.read_text(errors="replace") if path.exists() else ""
