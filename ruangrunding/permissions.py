"""Django names the permissions it creates for every model in English ("Can add log entry"), stored as text, so no
translation reaches them; the user and group forms list them. Renamed here in the site's language after each
migrate, from the model's translated name."""

from django.apps import apps as global_apps
from django.conf import settings
from django.utils import translation

ACTIONS = {
    "add": "Dapat menambah %s",
    "change": "Dapat mengubah %s",
    "delete": "Dapat menghapus %s",
    "view": "Dapat melihat %s",
}


def name_default_permissions_in_indonesian(*, app_config, using="default", apps=global_apps, **kwargs) -> None:
    try:
        permission_model = apps.get_model("auth", "Permission")
    except LookupError:  # migrating to a state before django.contrib.auth exists
        return
    permissions = permission_model.objects.using(using).filter(content_type__app_label=app_config.label)
    with translation.override(settings.LANGUAGE_CODE):
        for permission in permissions.select_related("content_type"):
            action, _, model_name = permission.codename.partition("_")
            if action not in ACTIONS or model_name != permission.content_type.model:
                continue  # a permission of the project's own, named on purpose
            try:
                model = global_apps.get_model(app_config.label, model_name)
            except LookupError:
                continue
            name = ACTIONS[action] % model._meta.verbose_name
            if permission.name != name:
                permission.name = name
                permission.save(update_fields=["name"])
