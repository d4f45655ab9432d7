"""Who may see what of an event. Events are public once published; an application is its citizen's own; the
meeting link is for the selected alone; the selection pages are for staff holding the permission. Anyone
else gets 404."""

from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404

from agenda.models import Application, Aspiration, Event

SELECT_PERMISSION = "agenda.select_participants"
MODERATE_PERMISSION = "agenda.change_aspiration"


def get_public_event(pk: int) -> Event:
    return get_object_or_404(Event.objects.published().select_related("kecamatan", "desa", "cycle"), pk=pk)


def own_application(request: HttpRequest, event: Event) -> Application | None:
    if not request.user.is_authenticated:
        return None
    return Application.objects.filter(event=event, citizen=request.user).select_related("group").first()


def may_see_meeting_link(application: Application | None) -> bool:
    return application is not None and application.status == Application.Status.SELECTED


def is_selector(user) -> bool:
    return user.is_authenticated and user.is_active and user.is_staff and user.has_perm(SELECT_PERMISSION)


def get_event_for_selector(request: HttpRequest, pk: int) -> Event:
    if not is_selector(request.user):
        raise Http404
    return get_object_or_404(Event, pk=pk)


def get_aspiration_for_moderator(request: HttpRequest, pk: int) -> Aspiration:
    """Staff who moderate aspirations (the admin's change permission); 404 for everyone else."""
    user = request.user
    if not (user.is_active and user.is_staff and user.has_perm(MODERATE_PERMISSION)):
        raise Http404
    return get_object_or_404(
        Aspiration.objects.select_related("event", "author", "author__desa", "usulan", "complaint"), pk=pk
    )
