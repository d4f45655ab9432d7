from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PustakaConfig(AppConfig):
    name = "pustaka"
    verbose_name = _("Pustaka")

    def ready(self):
        from pustaka import signals  # noqa: F401 — registers the receivers
