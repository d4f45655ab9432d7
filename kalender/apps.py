from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KalenderConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "kalender"
    verbose_name = _("Kalender hari kerja")
