import pytest
from django.contrib.auth.models import Permission

from accounts.models import Disability
from tests.agenda.factories import make_event
from tests.helpers import make_user
from wilayah.models import Desa


@pytest.fixture
def event(db):
    return make_event(capacity=3, quotas={"Penyandang disabilitas": 1, "Perempuan": 1})


@pytest.fixture
def selector(db):
    """Staff holding the selection permission (and the admin's view of events)."""
    user = make_user("panitia", display_name="Panitia Musrenbang", is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="select_participants"))
    return user


@pytest.fixture
def people(kecamatan):
    """Applicants: two of them with disabilities, the others not; all with a kecamatan and desa."""
    desa = Desa.objects.filter(kecamatan=kecamatan).first()

    def make(name, **extra):
        return make_user(name, display_name=name.title(), kecamatan=kecamatan, desa=desa, **extra)

    return {
        "ani": make("ani", disability=Disability.YES),
        "dedi": make("dedi", disability=Disability.YES),
        "rina": make("rina"),
        "joko": make("joko"),
        "tono": make("tono"),
    }


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """`with committed(execute=True):` runs what the code deferred to the commit (the e-mails)."""
    return django_capture_on_commit_callbacks
