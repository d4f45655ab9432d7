import os

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.http import FileResponse


class PrivateFileSystemStorage(FileSystemStorage):
    """Files under PRIVATE_MEDIA_ROOT (outside MEDIA_ROOT) with no URL of their own: consultation attachments
    and library documents. They are only ever served by views that check access (and count downloads)."""

    @property
    def base_location(self):
        return settings.PRIVATE_MEDIA_ROOT

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    def url(self, name):
        raise ValueError("Private files have no URL; they are served by a view that checks access.")


private_storage = PrivateFileSystemStorage()


def private_file_response(stored, *, filename: str, content_type: str, inline: bool = False) -> FileResponse:
    """Serve a private file after the caller's access check: the type we determined from its content, a
    filename Django quotes safely, and no content sniffing by the browser."""
    response = FileResponse(stored.open("rb"), as_attachment=not inline, filename=filename, content_type=content_type)
    response["X-Content-Type-Options"] = "nosniff"
    return response
