"""Templates whose constant tags are rendered once per worker: `{% translate "literal" %}` once per language,
`{% url 'name' literal-args %}` once per URL configuration, script prefix, language and current application.

Every page carries dozens of both (the header, the footer, the forms' labels), and each costs a catalogue
lookup or a reverse() on every request although, for the same inputs, its output never changes. This loader
(Django's cached loader, which compiles each template once per worker) replaces each such tag, once the
template is compiled, by a node that renders the original tag the first time for each set of inputs its
output depends on and then gives back that output. Only tags whose output depends on nothing but those
inputs are folded: a literal message or URL name, literal arguments, no filters, no `as var`, a literal
message context. Everything else is left as Django compiled it.

What the output depends on, and so the key it is kept under:
- translate: the active language (the catalogues of a language are loaded once per process) and whether the
  context autoescapes;
- url: the URL configuration (the request's own, or ROOT_URLCONF), the script prefix (SCRIPT_NAME), the active
  language (translated or prefixed patterns), the current application (namespaced URLs; found from the
  request exactly as Django's {% url %} finds it) and autoescaping. A URL that does not reverse raises as
  before, every time: only outputs are kept.
Any changed setting (the test suite's override_settings: LANGUAGES, LOCALE_PATHS, ROOT_URLCONF, …) forgets
every kept output, as Django itself forgets its catalogues and resolvers then.

A folded tag takes the text around it and the constant tags next to it along: the run is rendered as one,
once per inputs (those of a url if it has one), and given back as one string.

The nodes of a compiled template no longer change once folded, so the loader also keeps what a search of
them by type finds (FixedNodeList): {% extends %} searches its parent for {% block %}s on every render."""

from threading import Lock

from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.template.base import Node, NodeList, TextNode
from django.template.defaulttags import CommentNode, LoadNode, URLNode
from django.template.loaders import cached
from django.templatetags.i18n import TranslateNode
from django.urls import get_script_prefix, get_urlconf
from django.utils.translation import get_language

KEPT_PER_TAG = 64  # outputs kept per tag: a few languages and URL configurations, never reached otherwise
_generation = 0  # a new one after any changed setting: every kept output is forgotten


@receiver(setting_changed)
def _forget_outputs(**kwargs) -> None:
    global _generation  # one counter for the whole process, read by every folded node
    _generation += 1


class Loader(cached.Loader):
    """Django's cached loader; each template it compiles has its constant tags folded, once, before any thread
    is given it."""

    def get_template(self, template_name, skip=None):
        template = super().get_template(template_name, skip)
        if not getattr(template, "constants_folded", False):
            with _folding:
                if not getattr(template, "constants_folded", False):
                    fold(template.nodelist)
                    template.nodelist = FixedNodeList(template.nodelist)
                    template.constants_folded = True
        return template


_folding = Lock()


class FixedNodeList(NodeList):
    """A compiled template's nodes, which no longer change once folded: the nodes of a type found among them
    are kept ({% extends %} looks for its parent's {% block %}s on every render)."""

    def __init__(self, nodelist: NodeList):
        super().__init__(nodelist)
        self.contains_nontext = nodelist.contains_nontext
        self.found = {}

    def get_nodes_by_type(self, nodetype):
        found = self.found.get(nodetype)
        if found is None:
            found = self.found[nodetype] = super().get_nodes_by_type(nodetype)
        return list(found)


def fold(nodelist) -> None:
    """Replace, in place and at any depth, each constant {% translate %} and {% url %} of `nodelist`, together
    with the text and other constant tags around it: the run is rendered as one (KeptOutput)."""
    for node in nodelist:
        for _condition, branch in getattr(node, "conditions_nodelists", ()):  # {% if %}: its branches
            fold(branch)
        for name in node.child_nodelists:
            if name == "nodelist" and hasattr(node, "conditions_nodelists"):
                continue  # an {% if %}'s nodelist is a copy made of its branches
            child = getattr(node, name, None)
            if child:
                fold(child)
    folded, run = [], []
    for node in [*nodelist, None]:  # None: the end, which closes the last run
        if isinstance(node, CONSTANT) or _inputs_of(node):
            run.append(node)
            continue
        if any(_inputs_of(member) for member in run):
            inputs = _url_inputs if any(_inputs_of(m) is _url_inputs for m in run) else _translation_inputs
            folded.append(KeptOutput(run, inputs))
        else:
            folded.extend(run)
        run = []
        if node is not None:
            folded.append(node)
    nodelist[:] = folded


CONSTANT = (TextNode, CommentNode, LoadNode)  # nodes whose output never changes ({% comment %}, {% load %}: "")


def _inputs_of(node):
    """What the output of a constant tag depends on (a function of the context), or None for any other node."""
    if isinstance(node, TranslateNode) and _constant_translation(node):
        return _translation_inputs
    if isinstance(node, URLNode) and _constant_url(node):
        return _url_inputs
    return None


def _literal(expression) -> bool:
    """A FilterExpression that is a constant without filters: a quoted string, or a number (a Variable that
    looks nothing up in the context)."""
    if expression is None or expression.filters:
        return False
    return not expression.is_var or getattr(expression.var, "lookups", True) is None


def _constant_translation(node: TranslateNode) -> bool:
    variable = node.filter_expression.var  # TranslateNode made a literal string a Variable of that literal
    return (
        node.asvar is None
        and not node.filter_expression.filters
        and getattr(variable, "lookups", True) is None
        and isinstance(getattr(variable, "literal", None), str)
        and (node.message_context is None or _literal(node.message_context))
    )


def _constant_url(node: URLNode) -> bool:
    return (
        node.asvar is None
        and _literal(node.view_name)
        and all(_literal(arg) for arg in node.args)
        and all(_literal(value) for value in node.kwargs.values())
    )


def _translation_inputs(context) -> tuple:
    return (get_language(), context.autoescape)


def _url_inputs(context) -> tuple:
    try:  # as django.template.defaulttags.URLNode.render finds it
        current_app = context.request.current_app
    except AttributeError:
        try:
            current_app = context.request.resolver_match.namespace
        except AttributeError:
            current_app = None
    return (
        get_urlconf() or settings.ROOT_URLCONF,
        get_script_prefix(),
        get_language(),
        current_app,
        context.autoescape,
    )


class KeptOutput(Node):
    """Constant tags and the text between them, whose output depends only on inputs(context): rendered as
    Django renders them once for each value of the inputs, then given back."""

    child_nodelists = ()

    def __init__(self, nodes: list[Node], inputs):
        self.nodes = nodes
        self.inputs = inputs
        first = next(node for node in nodes if _inputs_of(node))
        self.token = first.token  # for the debug page, as the first tag
        self.origin = first.origin
        self.outputs = {}
        self.generation = _generation

    def __repr__(self):
        return f"<{self.__class__.__qualname__} {self.nodes!r}>"

    def render(self, context):
        if self.generation != _generation or len(self.outputs) > KEPT_PER_TAG:
            self.outputs, self.generation = {}, _generation
        inputs = self.inputs(context)
        output = self.outputs.get(inputs)
        if output is None:
            output = self.outputs[inputs] = "".join(node.render_annotated(context) for node in self.nodes)
        return output
