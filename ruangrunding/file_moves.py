"""Moving stored files between two storages (disk and S3-compatible buckets), for `manage.py move_files`.

Every file that some row names (each FileField/ImageField of every model) is copied under the same name, read
back from the target and compared by SHA-256 with the source before anything else happens to it. Only then,
and only when asked, is the source removed. A file already at the target with the same hash is left as it is,
so a second run copies nothing; one with other bytes stops the run (nothing is overwritten)."""

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass, field

from django.apps import apps
from django.core.files.storage import Storage, default_storage
from django.db import models

from ruangrunding.storage import private_storage

CHUNK = 1024 * 1024


class FileMoveError(Exception):
    """A copy that does not match its source (or another file in its place): the run stops, the source stays."""


@dataclass
class MoveReport:
    copied: int = 0
    already: int = 0  # at the target with the same bytes (an earlier run)
    deleted: int = 0  # sources removed after their copy was verified
    missing: list[str] = field(default_factory=list)  # named by a row, but in neither storage

    def summary(self) -> str:
        return (
            f"{self.copied} disalin, {self.already} sudah ada, {self.deleted} sumber dihapus, "
            f"{len(self.missing)} tidak ditemukan"
        )


def file_fields(kind: str) -> list[models.FileField]:
    """Every file field whose files are private (kind "private") or public images and documents ("public")."""
    wanted = private_storage if kind == "private" else default_storage
    return [
        model_field
        for model in apps.get_models()
        for model_field in model._meta.get_fields()
        if isinstance(model_field, models.FileField) and model_field.storage is wanted
    ]


def stored_names(kind: str) -> Iterator[str]:
    """The names of the files the rows point at, each once."""
    seen = set()
    for model_field in file_fields(kind):
        names = model_field.model._default_manager.exclude(**{model_field.name: ""}).values_list(
            model_field.name, flat=True
        )
        for name in names.iterator():
            if name and name not in seen:
                seen.add(name)
                yield name


def sha256_of(storage: Storage, name: str) -> str:
    digest = hashlib.sha256()
    with storage.open(name, "rb") as handle:
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def files_move(
    *, names, source: Storage, target: Storage, dry_run: bool = False, delete_source: bool = False
) -> MoveReport:
    """Copy each named file from source to target, verified by hash; see the module's docstring."""
    report = MoveReport()
    for name in names:
        if not source.exists(name):
            if target.exists(name):
                report.already += 1  # moved and its source removed by an earlier run
            else:
                report.missing.append(name)
            continue
        wanted = sha256_of(source, name)
        if target.exists(name):
            if sha256_of(target, name) != wanted:
                raise FileMoveError(f"{name}: di tujuan sudah ada berkas lain dengan nama ini; tidak ditimpa")
            report.already += 1
        elif dry_run:
            report.copied += 1
            continue
        else:
            _copy_verified(name, wanted, source=source, target=target)
            report.copied += 1
        if delete_source and not dry_run:
            source.delete(name)
            report.deleted += 1
    return report


def _copy_verified(name: str, wanted: str, *, source: Storage, target: Storage) -> None:
    with source.open(name, "rb") as handle:
        # Under exactly this name (the rows name it): _save, the storage's own write, skips save()'s choice of
        # a free name, which would add a suffix on a bucket (ruangrunding.s3). The name is free: checked above.
        written = target._save(name, handle)
    if written != name:  # the target chose another name: the row would not find it
        target.delete(written)
        raise FileMoveError(f"{name}: tujuan menyimpannya sebagai {written}; salinan dihapus")
    if sha256_of(target, name) != wanted:
        target.delete(name)
        raise FileMoveError(f"{name}: salinan di tujuan tidak sama dengan sumbernya (SHA-256); salinan dihapus")
