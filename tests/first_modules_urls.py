"""The portal's URLconf without the modules of the second wave (Musrenbang, Pengaduan, Agenda, Pengumuman): how
the menu and the home page look before a module is installed. A module is shown only once its URLs exist. Used
with override_settings(ROOT_URLCONF="tests.first_modules_urls")."""

from django.urls import URLResolver

from ruangrunding import urls as portal

SECOND_WAVE = ("musrenbang", "pengaduan", "agenda", "pengumuman")

urlpatterns = [
    pattern
    for pattern in portal.urlpatterns
    if not (isinstance(pattern, URLResolver) and pattern.namespace in SECOND_WAVE)
]
handler429 = portal.handler429
handler500 = portal.handler500
