from accounts.models import Desa, Kecamatan, User


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
