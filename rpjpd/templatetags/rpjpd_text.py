from django import template

from rpjpd.formatting import reply_html, topic_html

register = template.Library()
register.filter("reply_html", reply_html)
register.filter("topic_html", topic_html)
