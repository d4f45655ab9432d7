"""Keeping what is kept per worker honest.

- A topic's reading materials are kept under the library's version (rpjpd.reading.reading_materials): changing
  which documents a topic lists gives the library a new version, as changing a document does.
- A topic's reply pages are kept under the topic's `replies_version` (rpjpd.kept_pages): every saved or deleted
  reply, and every new name of one of its authors, moves it on, in the transaction of the change. Receivers
  rather than calls in each service, so a save from the admin or a shell counts as well. Only
  `Reply.objects.update(...)` passes by them: used for the report counter alone, which no page shows.
"""

from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from accounts.models import User
from pustaka.search import library_changed
from rpjpd.models import Reply, Topic

# What a reply page shows of its authors (User.public_name).
SHOWN_NAME_FIELDS = frozenset({"display_name", "username"})


@receiver(m2m_changed, sender=Topic.reading_materials.through)
def _reading_materials_changed(sender, **kwargs):
    library_changed()


@receiver(post_save, sender=Reply)
@receiver(post_delete, sender=Reply)
def _reply_changed(sender, instance: Reply, **kwargs):
    Topic.objects.filter(pk=instance.topic_id).mark_replies_changed()


@receiver(post_save, sender=User)
def _author_may_be_renamed(sender, instance: User, created: bool, update_fields=None, **kwargs):
    if created or (update_fields is not None and not SHOWN_NAME_FIELDS & set(update_fields)):
        return  # a new person has written nothing yet; a sign-in only records its time
    Topic.objects.filter(pk__in=Reply.objects.filter(author=instance).values("topic_id")).mark_replies_changed()
