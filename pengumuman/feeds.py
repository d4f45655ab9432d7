from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from pengumuman.areas import Area, area_from
from pengumuman.models import Announcement
from wilayah.context_processors import current_region_profile

FEED_ITEMS = 30


class AnnouncementFeed(Feed):
    """Atom feed of the published announcements: the region's, or those a kecamatan or desa should see
    (`?kecamatan=<kode>` / `?desa=<kode>`)."""

    feed_type = Atom1Feed

    def get_object(self, request, *args, **kwargs) -> Area:
        return area_from(request.GET)

    def title(self, area: Area) -> str:
        region = current_region_profile()
        where = str(area) or region.name
        return _("Pengumuman %(where)s · Ruang Runding") % {"where": where}

    def link(self, area: Area) -> str:
        return reverse("pengumuman:index") + (f"?{area.query}" if area.query else "")

    def subtitle(self, area: Area) -> str:
        return _("Pengumuman terbaru dari %(agency)s.") % {"agency": current_region_profile().agency_name}

    def items(self, area: Area):
        return area.filter(Announcement.objects.published()).listing()[:FEED_ITEMS]

    def item_title(self, item: Announcement) -> str:
        return item.title

    def item_description(self, item: Announcement) -> str:
        return item.short_text

    def item_pubdate(self, item: Announcement):
        return item.publish_at

    def item_updateddate(self, item: Announcement):
        return item.updated_at

    def item_categories(self, item: Announcement):
        return [item.area_label] if item.area_label else []
