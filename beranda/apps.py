from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BerandaConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "beranda"
    verbose_name = _("Beranda")
