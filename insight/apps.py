from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InsightConfig(AppConfig):
    """The staff dashboard: participation, reach, consultations and library use, in figures and charts."""

    name = "insight"
    verbose_name = _("Dasbor partisipasi")

    def ready(self):
        from insight import aggregates  # noqa: F401 — registers the median function on SQLite connections
