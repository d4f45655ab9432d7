"""Backup and restore, as docs/deploy.md describes it: `pg_dump -Fc` of the database and a tar archive of the
media folders, restored into an empty database and fresh folders; then every table's row count and the
files are compared. Usable alone: `python bench/backup_restore.py DATABASE_NAME` (with the portal's
environment, MEDIA_ROOT and PRIVATE_MEDIA_ROOT, set)."""

import os
import subprocess
import sys
import tarfile
from pathlib import Path

import psycopg

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import ROOT, database_url, fresh_database


def table_counts(url: str) -> dict[str, int]:
    with psycopg.connect(url) as connection:
        tables = [
            row[0]
            for row in connection.execute(
                "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename"
            ).fetchall()
        ]
        # Table names come from the catalogue itself, not from anyone's input.
        count = 'SELECT count(*) FROM "{}"'
        return {table: connection.execute(count.format(table)).fetchone()[0] for table in tables}


def files_under(folder: Path) -> dict[str, int]:
    return {str(p.relative_to(folder)): p.stat().st_size for p in folder.rglob("*") if p.is_file()}


def backup_and_compare(database: str, env: dict) -> bool:
    backups = ROOT / "var" / "backup"
    backups.mkdir(parents=True, exist_ok=True)
    dump, archive = backups / f"{database}.dump", backups / f"{database}-media.tar.gz"
    media = {"media": Path(env["MEDIA_ROOT"]), "private": Path(env["PRIVATE_MEDIA_ROOT"])}
    for folder in media.values():
        folder.mkdir(parents=True, exist_ok=True)
    # The backup, exactly as the operator runs it.
    subprocess.run(["pg_dump", "--format=custom", f"--file={dump}", database_url(database)], check=True)
    with tarfile.open(archive, "w:gz") as tar:
        for name, folder in media.items():
            tar.add(folder, arcname=name)
    # The restore, into an empty database and empty folders.
    restored = f"{database}_restored"
    fresh_database(restored)
    subprocess.run(["pg_restore", "--no-owner", f"--dbname={database_url(restored)}", str(dump)], check=True)
    target = ROOT / "var" / restored
    with tarfile.open(archive) as tar:
        tar.extractall(target, filter="data")
    before, after = table_counts(database_url(database)), table_counts(database_url(restored))
    differing = {t: (before[t], after.get(t)) for t in before if before[t] != after.get(t)}
    files_same = all(files_under(folder) == files_under(target / name) for name, folder in media.items())
    rows = sum(before.values())
    file_count = sum(len(files_under(folder)) for folder in media.values())
    print(f"  dump {dump.stat().st_size / 1024:.0f} KB, media archive {archive.stat().st_size / 1024:.0f} KB")
    print(f"  {len(before)} tables, {rows:,} rows; differing after restore: {differing or 'none'}")
    print(f"  {file_count} media files; identical after restore: {'yes' if files_same else 'NO'}")
    return not differing and files_same and len(before) == len(after)


if __name__ == "__main__":
    env = dict(os.environ)
    sys.exit(0 if backup_and_compare(sys.argv[1], env) else 1)
