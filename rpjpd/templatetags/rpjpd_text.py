from django import template

from rpjpd.formatting import reply_html, topic_html
from rpjpd.fragments import nodes_html, viewer_from

register = template.Library()
register.filter("reply_html", reply_html)
register.filter("topic_html", topic_html)


@register.simple_tag(takes_context=True)
def replies(context, nodes):
    """{% replies page.threads %} — the replies with their answers, for the reader of this page (rpjpd.fragments);
    a single node is taken as a list of one."""
    return nodes_html(nodes if isinstance(nodes, list) else [nodes], viewer_from(context))
