import os

from django.conf import settings
from django.core.files.storage import FileSystemStorage, storages
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.http import FileResponse, HttpResponseRedirect
from django.utils.cache import add_never_cache_headers
from django.utils.functional import LazyObject, empty
from django.utils.http import content_disposition_header


class PrivateFileSystemStorage(FileSystemStorage):
    """Private files on disk, under PRIVATE_MEDIA_ROOT (outside MEDIA_ROOT), with no URL of their own:
    consultation attachments, library documents, complaint attachments, recap imports. They are only ever
    served by views that check access (and count downloads)."""

    @property
    def base_location(self):
        return settings.PRIVATE_MEDIA_ROOT

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    def url(self, name):
        raise ValueError("Private files have no URL; they are served by a view that checks access.")


class PrivateStorage(LazyObject):
    """The storage of every private FileField: STORAGES["private"] (disk, or a private S3 bucket when
    PRIVATE_S3_BUCKET is set), looked up when first used, so the fields keep one object whatever the setting."""

    def _setup(self):
        self._wrapped = storages["private"]

    def deconstruct(self):
        # The migrations recorded the fields' storage as PrivateFileSystemStorage() before it became a
        # setting; naming it the same keeps them unchanged (where a file lives is no part of the schema).
        return ("ruangrunding.storage.PrivateFileSystemStorage", (), {})


private_storage = PrivateStorage()


@receiver(setting_changed)
def _private_storage_changed(*, setting, **kwargs):
    # Django forgets its own storages when a test overrides STORAGES; this one follows.
    if setting == "STORAGES":
        private_storage._wrapped = empty


def signs_urls(storage) -> bool:
    """Whether the storage hands out signed, expiring URLs (a private S3 bucket); a disk has no URL at all."""
    return bool(getattr(storage, "querystring_auth", False))


def private_file_response(
    stored, *, filename: str, content_type: str, inline: bool = False
) -> FileResponse | HttpResponseRedirect:
    """Serve a private file after the caller's access check: the type we determined from its content, a
    filename Django quotes safely, and no content sniffing by the browser.

    With PRIVATE_FILES_SERVE=signed (private bucket only), the answer is instead a redirect to a signed URL
    that lives PRIVATE_FILES_URL_SECONDS and makes the bucket send the same type and filename. The redirect
    is never cached, so the URL is not kept or handed to anyone else after it expires."""
    if settings.PRIVATE_FILES_SERVE == "signed" and signs_urls(stored.storage):
        disposition = content_disposition_header(not inline, filename)
        url = stored.storage.url(
            stored.name,
            parameters={
                "ResponseContentType": content_type,
                "ResponseContentDisposition": disposition,
                "ResponseCacheControl": "private, no-store",
            },
            expire=settings.PRIVATE_FILES_URL_SECONDS,
        )
        response = HttpResponseRedirect(url)
        add_never_cache_headers(response)
        response["Referrer-Policy"] = "no-referrer"
        return response
    response = FileResponse(stored.open("rb"), as_attachment=not inline, filename=filename, content_type=content_type)
    response["X-Content-Type-Options"] = "nosniff"
    return response
