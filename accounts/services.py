from django.db import transaction

from accounts.models import User
from wilayah.models import Desa, Kecamatan


def profile_update(
    *,
    user: User,
    display_name: str,
    kecamatan: Kecamatan | None,
    desa: Desa | None,
    gender: str = "",
    age_group: str = "",
    disability: str = "",
    notify_replies: bool | None = None,
) -> User:
    """Save the profile fields; a desa outside the chosen kecamatan is dropped rather than stored wrong."""
    if desa is not None and (kecamatan is None or desa.kecamatan_id != kecamatan.pk):
        desa = None
    user.display_name = display_name.strip()
    user.kecamatan = kecamatan
    user.desa = desa
    user.gender = gender or ""
    user.age_group = age_group or ""
    user.disability = disability or ""
    fields = ["display_name", "kecamatan", "desa", "gender", "age_group", "disability"]
    if notify_replies is not None:
        user.notify_replies = notify_replies
        fields.append("notify_replies")
    user.save(update_fields=fields)
    return user


def user_lock(*, user: User) -> None:
    """Hold this person's row until the surrounding transaction ends. A per-person limit that counts, then
    inserts (replies a minute, consultations an hour) is only a limit if nobody else counts in between: with
    the row held, the same person's parallel requests take turns, on every worker and server. PostgreSQL
    takes a row lock; SQLite ignores FOR UPDATE but lets only one writer in at a time anyway."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("user_lock needs a transaction: call it inside transaction.atomic()")
    list(User.objects.select_for_update().filter(pk=user.pk).values_list("pk", flat=True))
