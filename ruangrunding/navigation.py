"""The portal's modules, in one list: the header menu and the home page's "what you can do here" both come
from MODULES.

A module is shown only when its index page is in the URLconf. The list already names the modules of the second
wave; until their app's `path(...)` is added to ruangrunding/urls.py their URL does not resolve, so nobody sees
a dead link or a "coming soon". Adding that one line is what makes a module appear, in the menu and on the home
page. A new module needs one more line here, in the order citizens should read it.
"""

from dataclasses import dataclass

from django.urls import NoReverseMatch, reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Module:
    name: str | Promise  # the menu label, as the citizens' guide names it
    url_name: str  # its front page, "<namespace>:index"
    action: str | Promise  # what a citizen does there, an invitation: the home page's link text
    description: str | Promise  # a few words on what is there; with the name, one line on a 360 px phone

    @property
    def namespace(self) -> str:
        return self.url_name.partition(":")[0]


MODULES: tuple[Module, ...] = (
    Module("RPJPD", "rpjpd:index", _("Tanggapi rancangan RPJPD"), _("Arah pembangunan 20 tahun.")),
    Module("Musrenbang", "musrenbang:index", _("Usulkan pembangunan"), _("Usulan dari RT ke RKPD.")),
    Module(_("Pengaduan"), "pengaduan:index", _("Sampaikan pengaduan"), _("Dipantau sampai selesai.")),
    Module(_("Agenda"), "agenda:index", _("Ikuti musyawarah"), _("Jadwal dan pendaftaran.")),
    Module(_("Konsultasi"), "konsultasi:index", _("Tanya pakar"), _("Pakar dari universitas.")),
    Module(_("Pustaka"), "pustaka:index", _("Baca dokumen"), _("Regulasi, rencana, kajian.")),
    Module(_("Pengumuman"), "pengumuman:index", _("Baca pengumuman"), _("Kabar resmi daerah.")),
)


@dataclass(frozen=True)
class MenuEntry:
    module: Module
    url: str
    current: bool  # the page being read belongs to this module (aria-current="page")


def menu_entries(request=None, modules: tuple[Module, ...] = MODULES) -> list[MenuEntry]:
    """The modules whose front page exists, each with its URL; the one holding the current page marked."""
    match = getattr(request, "resolver_match", None)
    namespace = match.namespace if match else None
    entries = []
    for module in modules:
        try:
            url = reverse(module.url_name)
        except NoReverseMatch:
            continue  # its app is not installed yet: no dead link
        entries.append(MenuEntry(module, url, current=namespace == module.namespace))
    return entries
