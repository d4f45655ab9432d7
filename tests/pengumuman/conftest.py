from datetime import timedelta

import pytest
from django.utils import timezone

from pengumuman.models import Announcement
from wilayah.models import Desa, Kecamatan


@pytest.fixture
def units(db):
    """Two kecamatan with Kemendagri codes, two desa in the first and one in the second."""
    tenggarong = Kecamatan.objects.create(name="Tenggarong", code="64.02.05")
    samboja = Kecamatan.objects.create(name="Samboja", code="64.02.11")
    return {
        "tenggarong": tenggarong,
        "samboja": samboja,
        "maluhu": Desa.objects.create(kecamatan=tenggarong, name="Maluhu", code="64.02.05.1001"),
        "sukarame": Desa.objects.create(kecamatan=tenggarong, name="Sukarame", code="64.02.05.1002"),
        "kampung_lama": Desa.objects.create(kecamatan=samboja, name="Kampung Lama", code="64.02.11.2001"),
    }


@pytest.fixture
def announce(db):
    def make(title, *, body="Isi pengumuman.", days_ago=1, expires_in=None, **extra):
        now = timezone.now()
        return Announcement.objects.create(
            title=title,
            body=body,
            publish_at=now - timedelta(days=days_ago),
            expires_at=now + timedelta(days=expires_in) if expires_in is not None else None,
            **extra,
        )

    return make
