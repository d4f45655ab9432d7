"""The blank reply form is rendered through the form templates once per worker and given each request's own
token (rpjpd.forms.ReplyForm.render): the same HTML as rendering it in full, never another reader's token."""

import re

from django.forms import Form

from rpjpd.forms import ReplyForm


def full_render(form: ReplyForm) -> str:
    return str(Form.render(form))


def test_the_kept_blank_form_is_the_full_rendering_with_its_own_token():
    first, second = ReplyForm(), ReplyForm(auto_id="balas-7-%s")
    for form in (first, second, ReplyForm(), ReplyForm(auto_id="balas-7-%s")):
        assert str(form) == full_render(form)
    tokens = [re.search(r'name="submission_token" value="([^"]+)"', str(form))[1] for form in (first, ReplyForm())]
    assert tokens[0] != tokens[1] and str(ReplyForm.STAND_IN_TOKEN) not in str(first)
    assert 'id="balas-7-id_body"' not in str(second) and 'id="balas-7-body"' in str(second)


def test_a_bound_form_is_rendered_in_full_with_its_errors_and_input():
    form = ReplyForm({"body": "  "})
    assert not form.is_valid()
    html = str(form)
    assert html == full_render(form) and "errorlist" in html


def test_the_page_s_form_comes_from_the_kept_rendering(monkeypatch):
    calls = []
    monkeypatch.setattr(Form, "render", lambda form, *args, **kwargs: calls.append(form) or "")
    ReplyForm._blank_html.clear()
    str(ReplyForm()), str(ReplyForm())
    assert len(calls) == 1  # the first, with the stand-in token; the second only fills in its own
