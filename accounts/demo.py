"""Demo accounts for `manage.py seed_demo` (the `demo` app): realistic, idempotent, never used by the tests'
assertions. Only accounts' own part — people and the staff group; `demo.seed` puts every app's part together."""

from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group

from accounts.models import User
from accounts.permissions import staff_group_ensure
from wilayah.models import Desa, Kecamatan

DEMO_PASSWORD = "RuangRunding2045"  # noqa: S105 — demo accounts only; seed_demo prints it


def seed_user(username: str, *, display_name: str, email: str, kecamatan: str, desa: str = "", **extra) -> User:
    user, _created = User.objects.get_or_create(username=username, defaults={"email": email})
    user.email = email
    user.display_name = display_name
    user.kecamatan = Kecamatan.objects.get(name=kecamatan)
    user.desa = Desa.objects.filter(kecamatan=user.kecamatan, name=desa).first() if desa else None
    for field, value in extra.items():
        setattr(user, field, value)
    user.set_password(DEMO_PASSWORD)
    user.save()
    EmailAddress.objects.update_or_create(user=user, email=email, defaults={"verified": True, "primary": True})
    return user


def seed_staff_member(username: str, *, display_name: str, kecamatan: str) -> User:
    staff = seed_user(username, display_name=display_name, email=f"{username}@example.org", kecamatan=kecamatan)
    staff.is_staff = True
    staff.save(update_fields=["is_staff"])
    staff.groups.add(seed_staff_group())
    return staff


def seed_staff_group() -> Group:
    # Exactly the permissions docs/roles.md lists; reading private consultations is never among them.
    return staff_group_ensure()
