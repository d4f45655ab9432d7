"""A small, strict reader of the iCalendar text we write, for the tests: it checks the line endings and the
folding and returns the components with their properties unescaped."""

import re


def unescape(value: str) -> str:
    return re.sub(r"\\([\\;,nN])", lambda m: "\n" if m.group(1) in "nN" else m.group(1), value)


def parse(text: str) -> list[dict]:
    assert text.endswith("\r\n")
    assert "\n" not in text.replace("\r\n", ""), "every line ends with CRLF"
    physical = text.split("\r\n")[:-1]
    for line in physical:
        assert len(line.encode()) <= 75, f"line longer than 75 octets: {line!r}"
    lines: list[str] = []
    for line in physical:
        if line.startswith(" "):
            lines[-1] += line[1:]
        else:
            lines.append(line)
    assert lines[0] == "BEGIN:VCALENDAR" and lines[-1] == "END:VCALENDAR"
    components, stack = [], []
    for line in lines:
        name, _, value = line.partition(":")
        key, *params = name.split(";")
        if key == "BEGIN":
            stack.append({"type": value, "params": {}})
        elif key == "END":
            component = stack.pop()
            assert component["type"] == value
            components.append(component)
        else:
            stack[-1][key] = unescape(value)
            stack[-1]["params"][key] = dict(p.split("=", 1) for p in params)
    return components


def events(text: str) -> list[dict]:
    return [c for c in parse(text) if c["type"] == "VEVENT"]
