"""ruangrunding.frames: holes that escaping leaves whole and nobody can forge, and a bounded store."""

import pytest
from django.template import Context, Template
from django.utils.html import escape

from ruangrunding.frames import BrokenFrame, Frame, hole


def test_a_frame_is_cut_at_its_holes_and_filled_per_request():
    html = Template('<p title="{{ a }}">{{ a }} &amp; {{ b }}</p>').render(
        Context({"a": hole("name"), "b": hole("a12")})
    )
    frame = Frame.of(html)
    assert frame.holes == ("name", "name", "a12")
    assert frame.fill({"name": escape("Rina <R>"), "a12": "<em>x</em>"}) == (
        '<p title="Rina &lt;R&gt;">Rina &lt;R&gt; &amp; <em>x</em></p>'
    )


def test_text_right_after_a_hole_never_joins_its_name():
    frame = Frame.of(hole("csrf") + "zebra42" + hole("a7") + "7")
    assert frame.holes == ("csrf", "a7") and frame.fill({"csrf": "T", "a7": "L"}) == "Tzebra42L7"


@pytest.mark.parametrize("name", ["", "Name", "with-dash", "z", "abz", "a b"])
def test_hole_names_are_lower_case_letters_but_z_and_digits(name):
    with pytest.raises(ValueError):
        hole(name)


def test_a_hole_a_filter_changed_is_refused():
    html = Template("{{ a|truncatechars:16 }}").render(Context({"a": hole("name")}))
    with pytest.raises(BrokenFrame):
        Frame.of(html)
