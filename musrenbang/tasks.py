"""Checking and importing a desa's recap: in the request for a small file, by the task worker (`manage.py
db_worker`) above MUSRENBANG_IMPORT_INLINE_ROWS rows, so a large file never holds a web worker for long."""

from django.conf import settings
from django.db import transaction
from django.tasks import task

from musrenbang import services
from musrenbang.models import UsulanImport


@task
def check_import(import_id: int) -> str:
    return services.usulan_import_check(batch=UsulanImport.objects.get(pk=import_id)).status


@task
def apply_import(import_id: int) -> str:
    return services.usulan_import_apply(batch=UsulanImport.objects.get(pk=import_id)).status


def _in_worker(batch: UsulanImport) -> bool:
    return batch.total_rows > settings.MUSRENBANG_IMPORT_INLINE_ROWS


def check_soon(*, batch: UsulanImport) -> None:
    """The dry run now (small file) or queued for the worker once the upload is committed (large file)."""
    if _in_worker(batch):
        transaction.on_commit(lambda: check_import.enqueue(batch.pk))
    else:
        services.usulan_import_check(batch=batch)


def apply_soon(*, batch: UsulanImport) -> None:
    """The import now (small file) or queued for the worker (large file); the batch was claimed already."""
    if _in_worker(batch):
        transaction.on_commit(lambda: apply_import.enqueue(batch.pk))
    else:
        services.usulan_import_apply(batch=batch)
