from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.autoreload import autoreload_started
from django.utils.translation import gettext_lazy as _


class RuangRundingConfig(AppConfig):
    name = "ruangrunding"
    verbose_name = _("Ruang Runding")

    def ready(self) -> None:
        from ruangrunding.permissions import name_default_permissions_in_indonesian
        from ruangrunding.text import install_form_guard

        install_form_guard()
        # After django.contrib.auth's own post_migrate handler has created the permissions (it is connected
        # first, auth coming before this app in INSTALLED_APPS).
        post_migrate.connect(name_default_permissions_in_indonesian, dispatch_uid="ruangrunding_permission_names")
        autoreload_started.connect(watch_inlined_stylesheets, dispatch_uid="ruangrunding_watch_stylesheets")


def watch_inlined_stylesheets(sender, **kwargs) -> None:
    """runserver restarts when a stylesheet or script changes: pages inline it, and the CSP names its hash
    (ruangrunding.inlined), both read once per process."""
    from ruangrunding.inlined import FOLDER

    sender.watch_dir(FOLDER / "css", "*.css")
    sender.watch_dir(FOLDER / "js", "*.js")
