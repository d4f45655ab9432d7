"""Pages kept with holes: the HTML that many readers share, rendered once, and each reader's own parts put in.

A signed-in reader's page differs from the next reader's in a few places only — their name, the CSRF token of
its forms, a form's one-time token, the links each reply offers them. Rendering all of it through the template
engine for every reader costs many times what those few parts cost. So such a page may be rendered once with
*holes* where the reader's parts go, kept in each worker, and filled in on every request:

- `hole(name)` is what the template is given in place of a per-request value. It is letters and digits only,
  so HTML escaping leaves it as it is, and it carries a random number drawn when the process starts, so no
  text anyone writes into the portal can contain one;
- `Frame.of(html)` cuts the rendered HTML at its holes, and refuses HTML in which a hole came out changed (a
  filter cut it, say); `frame.fill(values)` joins the pieces with each hole's value, which is HTML the caller
  has already escaped;
- a caller keeps them in a `ruangrunding.kept.Kept`, a bounded least-recently-used store per process.

What may be kept, and under which key, is the caller's to decide (rpjpd.kept_pages): the key must name
everything the shared HTML shows, so that a change to any of it is a new key and an old frame is never used.
"""

import re
import secrets
from collections.abc import Mapping

_NONCE = secrets.token_hex(10)
_PREFIX = f"rrhole{_NONCE}"
_CUT = _PREFIX[:10]  # what is left of a stand-in a filter cut short (the random part begins after "rrhole")
_HOLE = re.compile(f"{_PREFIX}([a-y0-9]+)z")  # "z" ends a name, so the text after a hole never joins it


def hole(name: str) -> str:
    """The stand-in for the per-request part `name`: lower-case letters but "z", and digits."""
    if not re.fullmatch("[a-y0-9]+", name):
        raise ValueError(f"not a hole name: {name!r}")
    return f"{_PREFIX}{name}z"


class BrokenFrame(ValueError):
    """The rendered HTML holds a hole's stand-in that did not come out whole."""


class Frame:
    """HTML cut at its holes: parts[0], hole, parts[2], hole, …, parts[-1]."""

    __slots__ = ("parts",)

    def __init__(self, parts: tuple[str, ...]):
        self.parts = parts

    @classmethod
    def of(cls, html: str) -> "Frame":
        parts = tuple(_HOLE.split(html))
        if any(_CUT in literal for literal in parts[::2]):
            raise BrokenFrame("a hole was changed on its way through the template")
        return cls(parts)

    @property
    def holes(self) -> tuple[str, ...]:
        return self.parts[1::2]

    def fill(self, values: Mapping[str, str]) -> str:
        """The page, each hole replaced by `values[name]` (escaped HTML)."""
        parts = list(self.parts)
        for index in range(1, len(parts), 2):
            parts[index] = values[parts[index]]
        return "".join(parts)
