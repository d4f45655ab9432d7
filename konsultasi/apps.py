from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KonsultasiConfig(AppConfig):
    name = "konsultasi"
    verbose_name = _("Konsultasi")
