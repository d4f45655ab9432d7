from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RpjpdConfig(AppConfig):
    name = "rpjpd"
    verbose_name = _("RPJPD")

    def ready(self):
        from rpjpd import signals  # noqa: F401 — registers the receivers
