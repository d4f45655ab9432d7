from django.utils.translation import gettext_lazy as _
from django_tasks_db.apps import TasksAppConfig


class TasksDatabaseConfig(TasksAppConfig):
    """django_tasks_db as it is, named in Indonesian where the admin lists it (its own name is not translated)."""

    verbose_name = _("Antrean tugas")
