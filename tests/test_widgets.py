"""PlainSelect draws the same select as Django's template-based one, only faster."""

from html.parser import HTMLParser

from django import forms

from ruangrunding.widgets import PlainSelect

CHOICES = [("", "Semua"), ("1", 'Loa <Janan> & "Ilir"'), ("Kecamatan Tenggarong", [("2", "Maluhu"), ("3", "Sukarame")])]


class Structure(HTMLParser):
    """Tags with their attributes (in any order) and the text between them, blanks between tags ignored."""

    def __init__(self):
        super().__init__()
        self.parts = []

    def handle_starttag(self, tag, attrs):
        self.parts.append((tag, sorted((name, value or "") for name, value in attrs)))

    def handle_endtag(self, tag):
        self.parts.append(("/" + tag,))

    def handle_data(self, data):
        if data.strip():
            self.parts.append(("text", data.strip()))


def normalised(html: str) -> list:
    parser = Structure()
    parser.feed(str(html))
    return parser.parts


def test_plain_select_renders_what_django_renders():
    for value in ("", "1", "3", None):
        attrs = {"id": "id_desa", "aria-describedby": "id_desa_helptext"}
        django_html = forms.Select(choices=CHOICES).render("desa", value, attrs)
        plain_html = PlainSelect(choices=CHOICES).render("desa", value, attrs)
        assert normalised(plain_html) == normalised(django_html)


def test_plain_select_escapes_labels_and_marks_only_the_chosen_option():
    html = PlainSelect(choices=CHOICES).render("desa", "3", {"id": "id_desa"})
    assert "Loa &lt;Janan&gt; &amp; &quot;Ilir&quot;" in html
    assert html.count(" selected") == 1 and '<option value="3" selected>Sukarame</option>' in html
    assert '<optgroup label="Kecamatan Tenggarong">' in html
