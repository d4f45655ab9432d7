from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from musrenbang.models import UsulanStatusChange
from wilayah.models import Desa, Kecamatan


class DecisionsFeed(Feed):
    """Atom feed of the 50 latest public steps (proposed, forwarded, rejected …) of one unit's usulan, for
    desa and kecamatan websites to show."""

    feed_type = Atom1Feed
    unit_model = Kecamatan
    unit_field = "record__kecamatan"

    def get_object(self, request, pk):
        return get_object_or_404(self.unit_model, pk=pk)

    def title(self, unit):
        return _("Usulan Musrenbang %(unit)s: keputusan terbaru") % {"unit": self.unit_name(unit)}

    def unit_name(self, unit) -> str:
        return _("Kecamatan %(name)s") % {"name": unit.name}

    def link(self, unit):
        return reverse("musrenbang:index") + f"?{self.unit_model._meta.model_name}={unit.pk}"

    def subtitle(self, unit):
        return _("Setiap usulan dari musyawarah RT/RW sampai RKPD, dengan keputusan dan alasannya.")

    def items(self, unit):
        return (
            UsulanStatusChange.objects.filter(public=True, **{self.unit_field: unit})
            .select_related("record", "merged_into")
            .order_by("-at", "-pk")[:50]
        )

    def item_title(self, item):
        return f"{item.record.code} {item.record.title}: {item.get_decision_display()} ({item.get_stage_display()})"

    def item_description(self, item):
        parts = [f"{item.unit} ({item.role_label})"]
        if item.note:
            parts.append(item.note)
        return " — ".join(parts)

    def item_link(self, item):
        return f"{item.record.get_absolute_url()}#keputusan-{item.pk}"

    def item_pubdate(self, item):
        return item.at


class DesaDecisionsFeed(DecisionsFeed):
    unit_model = Desa
    unit_field = "record__desa"

    def unit_name(self, unit) -> str:
        return str(unit)
