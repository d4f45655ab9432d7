import pytest
from django.contrib.auth.models import Permission

from konsultasi import services
from tests.helpers import make_user


@pytest.fixture
def consultation(citizen, expert):
    return services.consultation_open(
        citizen=citizen, expert=expert.expert_profile, subject="Air sumur keruh", body="Sejak banjir air sumur keruh."
    )


@pytest.fixture
def auditor(db):
    """A staff member holding the explicit permission to read consultations."""
    user = make_user("auditor", display_name="Auditor Bappeda", is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="read_private_consultation"))
    return user
