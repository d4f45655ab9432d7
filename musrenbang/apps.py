from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MusrenbangConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "musrenbang"
    verbose_name = _("Musrenbang")
