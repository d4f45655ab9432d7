"""E-mails about usulan, queued like every e-mail (ruangrunding.mail): one to each follower on every decision."""

from musrenbang.models import Follow, UsulanStatusChange
from ruangrunding.mail import absolute_url, send_templated


def decision_made(change_pk: int) -> int:
    """Tell every follower of the usulan what was decided at which stage; the number of e-mails queued."""
    change = UsulanStatusChange.objects.select_related("record", "merged_into").get(pk=change_pk)
    usulan = change.record
    context = {"usulan": usulan, "change": change, "link": absolute_url(usulan.get_absolute_url())}
    followers = Follow.objects.filter(usulan=usulan).select_related("user")
    return sum(send_templated("musrenbang_decision", follow.user, context) for follow in followers)
