import os

from django.conf import settings
from django.core.files.storage import FileSystemStorage


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
