"""Constant {% translate %} and {% url %} tags are rendered once per worker (ruangrunding.template_folding):
a folded template gives exactly what Django gives without folding, whatever the language, autoescaping, script
prefix, URL configuration or current application, and a tag that depends on anything else is left alone."""

import pytest
from django.template import Context, Engine, Template
from django.template.base import Node, NodeList
from django.test import RequestFactory, override_settings
from django.urls import NoReverseMatch, clear_script_prefix, set_script_prefix, set_urlconf
from django.utils import translation

from ruangrunding import template_folding
from ruangrunding.template_folding import FixedNodeList, KeptOutput, _inputs_of, fold

SOURCE = """{% load i18n %}
<a href="{% url 'pustaka:index' %}">{% translate "Pustaka" %}</a>
<a href="{% url 'pustaka:document' 7 'perda-irigasi' %}">{% translate 'Save' %}</a>
<a href="{% url "pustaka:document" pk=8 slug="a-b" %}">{% trans "Log in" %}</a>
{% translate "May" context "month name" %} {% translate "May" context "another" %} {% translate "Close" noop %}
{% translate "50%% & <b>" %} {% translate "Home"|upper %} {% translate word %} {% translate "Home" as home %}{{ home }}
{% url name %} {% url 'pustaka:document' pk 'x' %} {% url 'pustaka:index' as index %}{{ index }}
{% for item in items %}{% if item %}{% translate "Yes" %}{% elif item is None %}{% url 'home' %}{% else %}
{% with x=item %}{% translate "No" %}{% endwith %}{% endif %}{% empty %}{% translate "None" %}{% endfor %}
{% autoescape off %}{% translate "50%% & <b>" %}{% url "pustaka:document" pk=8 slug="a-b" %}{% endautoescape %}
{% language "en" %}{% translate "Save" %}{% endlanguage %}
{% block content %}{% translate "Search" %}{% endblock %}"""


def templates():
    plain = Template(SOURCE, engine=Engine.get_default())
    folded = Template(SOURCE, engine=Engine.get_default())
    fold(folded.nodelist)
    return plain, folded


def kept_nodes(nodes) -> list[Node]:
    return NodeList(nodes).get_nodes_by_type(KeptOutput)


def kept_tags(nodes) -> list[str]:
    """The tags folded among `nodes`, in the order of the template (without the text and {% load %}s taken
    along)."""
    return [node.token.contents for kept in kept_nodes(nodes) for node in kept.nodes if _inputs_of(node)]


def render(template, context=None):
    values = {"word": "Home", "name": "home", "pk": 3, "items": [1, 0, None], **(context or {})}
    return template.render(Context(values, autoescape=values.pop("autoescape", True)))


def test_only_the_constant_tags_are_folded():
    _plain, folded = templates()
    assert kept_tags(folded.nodelist) == [
        "url 'pustaka:index'",
        'translate "Pustaka"',
        "url 'pustaka:document' 7 'perda-irigasi'",
        "translate 'Save'",
        'url "pustaka:document" pk=8 slug="a-b"',
        'trans "Log in"',
        'translate "May" context "month name"',
        'translate "May" context "another"',
        'translate "Close" noop',
        'translate "50%% & <b>"',
        'translate "Yes"',
        "url 'home'",
        'translate "No"',
        'translate "None"',
        'translate "50%% & <b>"',
        'url "pustaka:document" pk=8 slug="a-b"',
        'translate "Save"',
        'translate "Search"',
    ]


@pytest.mark.parametrize("language", ["id", "en", "nl"])
@pytest.mark.parametrize("autoescape", [True, False])
def test_a_folded_template_renders_as_django_does(language, autoescape):
    plain, folded = templates()
    with translation.override(language):
        expected = render(plain, {"autoescape": autoescape})
        assert render(folded, {"autoescape": autoescape}) == expected  # rendered, then kept
        assert render(folded, {"autoescape": autoescape}) == expected  # from what was kept
    assert "Simpan" in render(folded)  # Indonesian, as the site's default language


def test_the_language_the_script_prefix_and_the_url_configuration_each_give_their_own_output():
    plain, folded = templates()
    pages = []
    for prefix, urlconf, language in [
        ("/", None, "id"),
        ("/portal/", None, "id"),
        ("/", None, "en"),
        ("/", "tests.test_template_folding", "id"),
        ("/portal/", None, "id"),
        ("/", None, "id"),
    ]:
        set_script_prefix(prefix)
        set_urlconf(urlconf)
        try:
            with translation.override(language):
                page = render(folded)
                assert page == render(plain)
                pages.append(page)
        finally:
            clear_script_prefix()
            set_urlconf(None)
    assert 'href="/portal/pustaka/"' in pages[1] and 'href="/pustaka/"' in pages[0]
    assert 'href="/lain/pustaka/"' in pages[3]
    assert pages[0] == pages[5] and pages[1] == pages[4] and len(set(pages)) == 4


def test_the_current_application_is_found_from_the_request_as_django_does():
    plain, folded = templates()
    factory = RequestFactory()
    for current_app in (None, "pustaka", "other"):
        request = factory.get("/")
        if current_app:
            request.current_app = current_app
        context = {"word": "Home", "name": "home", "pk": 3, "items": [], "request": request}
        assert folded.render(Context(context)) == plain.render(Context(context))


def test_a_url_that_does_not_reverse_raises_every_time():
    template = Template("{% url 'pustaka:tidak-ada' %}", engine=Engine.get_default())
    fold(template.nodelist)
    for _ in range(2):
        with pytest.raises(NoReverseMatch):
            template.render(Context())


def test_a_changed_setting_forgets_what_was_kept():
    _plain, folded = templates()
    (node,) = [kept for kept in kept_nodes(folded.nodelist) if "url 'pustaka:index'" in kept_tags([kept])]
    render(folded)
    assert node.outputs
    generation = template_folding._generation
    with override_settings(ROOT_URLCONF="tests.test_template_folding"):
        assert template_folding._generation > generation
        assert 'href="/lain/pustaka/"' in render(folded)
    assert 'href="/pustaka/"' in render(folded)


def test_the_site_s_templates_come_folded(client, db):
    page = client.get("/pustaka/")
    assert page.status_code == 200
    (base,) = [template for template in page.templates if template.name == "base.html"]
    assert base.constants_folded and kept_nodes(base.nodelist)
    assert isinstance(base.nodelist, FixedNodeList) and base.nodelist.found  # its blocks, found once


# A second URL configuration for the tests above: the same URLs below /lain/.
from django.urls import include, path  # noqa: E402

urlpatterns = [path("lain/", include("ruangrunding.urls"))]
