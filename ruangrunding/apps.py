from django.apps import AppConfig


class RuangrundingConfig(AppConfig):
    name = "ruangrunding"
    verbose_name = "Ruang Runding"

    def ready(self):
        from ruangrunding.text import install_form_guard

        install_form_guard()
