"""A topic's reading materials are kept per worker under the library's version (rpjpd.reading.reading_materials):
changing which documents a topic lists gives the library a new version, as changing a document does."""

from django.db.models.signals import m2m_changed
from django.dispatch import receiver

from pustaka.search import library_changed
from rpjpd.models import Topic


@receiver(m2m_changed, sender=Topic.reading_materials.through)
def _reading_materials_changed(sender, **kwargs):
    library_changed()
