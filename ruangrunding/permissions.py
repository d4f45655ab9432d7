"""Django names the permissions it creates for every model in English ("Can add balasan"), stored as text, so no
translation reaches them; the user and group forms list them. Renamed here, after each migrate."""

from django.db.models import Value
from django.db.models.functions import Concat, Substr

# Django's prefix → ours; the rest of the name is the model's (Indonesian) verbose name.
PREFIXES = {
    "Can add ": "Dapat menambah ",
    "Can change ": "Dapat mengubah ",
    "Can delete ": "Dapat menghapus ",
    "Can view ": "Dapat melihat ",
}


def name_default_permissions_in_indonesian(*, using="default", apps=None, **kwargs) -> None:
    if apps is None:
        return
    try:
        permission = apps.get_model("auth", "Permission")
    except LookupError:  # migrating to a state before django.contrib.auth exists
        return
    for english, indonesian in PREFIXES.items():
        permission.objects.using(using).filter(name__startswith=english).update(
            name=Concat(Value(indonesian), Substr("name", len(english) + 1))
        )
