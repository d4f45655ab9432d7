from django.contrib.syndication.views import Feed
from django.urls import reverse_lazy
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _

from pustaka.models import Document


class NewDocumentsFeed(Feed):
    """Atom feed of the 50 most recently added published documents."""

    feed_type = Atom1Feed
    title = _("Pustaka Ruang Runding: dokumen terbaru")
    subtitle = _("Regulasi, dokumen perencanaan, rekomendasi kebijakan dan kajian yang baru ditambahkan.")
    link = reverse_lazy("pustaka:index")

    def items(self):
        return Document.objects.published().for_listing().order_by("-created_at")[:50]

    def item_title(self, item):
        return f"{item.citation}: {item.title}"

    def item_description(self, item):
        return item.abstract or item.about

    def item_pubdate(self, item):
        return item.created_at

    def item_updateddate(self, item):
        return item.updated_at

    def item_categories(self, item):
        return [item.category.name, item.document_type.name]
