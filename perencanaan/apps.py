from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PerencanaanConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "perencanaan"
    verbose_name = _("Dokumen perencanaan (RPJMD dan Renstra)")
