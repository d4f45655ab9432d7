"""Every saved or deleted document, file, category, type or subject gives the library a new version, so no
worker reuses a ranking computed before (pustaka.search.library_changed). Bulk updates send no signal: the
code making them calls library_changed itself (pustaka.indexing, the admin's publish actions)."""

from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from pustaka.models import Category, Document, DocumentFile, DocumentType, Subject
from pustaka.search import library_changed

WATCHED = (Document, DocumentFile, Category, DocumentType, Subject)


@receiver(post_save)
@receiver(post_delete)
def _library_written(sender, **kwargs):
    if sender in WATCHED:
        library_changed()


@receiver(m2m_changed, sender=Document.subjects.through)
def _subjects_changed(sender, **kwargs):
    library_changed()
