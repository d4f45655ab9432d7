"""The S3 storage of both buckets (STORAGES, when MEDIA_S3_BUCKET or PRIVATE_S3_BUCKET is set; docs/scale.md).
Its own module, named only in the settings, so boto3 is imported only where a bucket is configured."""

import os

from django.utils.crypto import get_random_string
from storages.backends.s3 import S3Storage


class UniqueNameS3Storage(S3Storage):
    """django-storages' S3Storage, where no two uploads can end up under one name.

    On disk a new file is created exclusively, so an upload that finds its name taken picks another. A bucket
    can only look for the name and then write: two uploads of "pakar/foto.jpg" at the same moment would both
    find it free, and the later would replace the earlier. A random suffix on every new name rules that out
    (private files have random names already; public images keep the name staff gave them, plus the suffix).
    """

    def get_available_name(self, name, max_length=None):
        root, extension = os.path.splitext(name)
        return super().get_available_name(f"{root}_{get_random_string(7)}{extension}", max_length)
