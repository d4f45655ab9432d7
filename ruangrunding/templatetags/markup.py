from django import template

from ruangrunding.markup import markdown_html, markdown_summary

register = template.Library()
register.filter("markdown_html", markdown_html)
register.filter("markdown_summary", markdown_summary)
