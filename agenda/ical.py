"""iCalendar (RFC 5545) written by hand: the few properties we need, escaped, folded at 75 octets and ended
with CRLF. Times carry the region's time zone (TZID with its VTIMEZONE) when the zone has one fixed offset
all year, as Indonesia's do; otherwise they are written in UTC."""

from datetime import UTC, datetime
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone

CRLF = "\r\n"
PRODID = "-//Ruang Runding//Agenda//ID"


def escape_text(value: str) -> str:
    """TEXT values: backslash, semicolon, comma and line breaks escaped (RFC 5545 §3.3.11)."""
    value = str(value).replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    value = value.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\\n")
    return "".join(ch for ch in value if ch >= " " or ch == "\t")  # no other control characters


def fold(line: str) -> str:
    """Lines longer than 75 octets continue on the next line after CRLF and one space, never inside a
    UTF-8 character (§3.1)."""
    out, current, size = [], "", 0
    for ch in line:
        width = len(ch.encode())
        limit = 75 if not out else 74  # a continuation line starts with the space
        if size + width > limit:
            out.append(current)
            current, size = "", 0
        current += ch
        size += width
    out.append(current)
    return (CRLF + " ").join(out)


def _utc(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def _fixed_offset(zone: ZoneInfo, year: int):
    january = datetime(year, 1, 1, tzinfo=zone).utcoffset()
    july = datetime(year, 7, 1, tzinfo=zone).utcoffset()
    return january if january == july else None


def _offset_text(offset) -> str:
    minutes = int(offset.total_seconds() // 60)
    sign = "+" if minutes >= 0 else "-"
    return f"{sign}{abs(minutes) // 60:02d}{abs(minutes) % 60:02d}"


class Calendar:
    def __init__(self, *, name: str = "", method: str = ""):
        self.zone = ZoneInfo(settings.TIME_ZONE)
        self.name = name
        self.method = method
        self.events: list[list[str]] = []
        self.offset = None
        self.uses_zone = False

    def _time(self, key: str, moment: datetime) -> str:
        offset = _fixed_offset(self.zone, moment.astimezone(self.zone).year)
        if offset is None:
            return f"{key}:{_utc(moment)}"
        self.offset, self.uses_zone = offset, True
        local = moment.astimezone(self.zone).strftime("%Y%m%dT%H%M%S")
        return f"{key};TZID={self.zone.key}:{local}"

    def add_event(
        self,
        *,
        uid: str,
        start: datetime,
        end: datetime,
        summary: str,
        description: str = "",
        location: str = "",
        url: str = "",
        conference: str = "",
        updated: datetime | None = None,
    ) -> None:
        lines = [
            "BEGIN:VEVENT",
            f"UID:{escape_text(uid)}",
            f"DTSTAMP:{_utc(updated or timezone.now())}",
            self._time("DTSTART", start),
            self._time("DTEND", end),
            f"SUMMARY:{escape_text(summary)}",
        ]
        if description:
            lines.append(f"DESCRIPTION:{escape_text(description)}")
        if location:
            lines.append(f"LOCATION:{escape_text(location)}")
        if url and urlsplit(url).scheme in {"http", "https"}:
            lines.append(f"URL:{url}")
        if conference and urlsplit(conference).scheme in {"http", "https"}:
            lines.append(f"CONFERENCE;VALUE=URI;FEATURE=VIDEO:{conference}")  # RFC 7986
        lines += ["STATUS:CONFIRMED", "END:VEVENT"]
        self.events.append(lines)

    def _timezone_lines(self) -> list[str]:
        if not self.uses_zone:
            return []
        offset = _offset_text(self.offset)
        abbreviation = datetime(2000, 1, 1, tzinfo=self.zone).tzname() or offset
        return [
            "BEGIN:VTIMEZONE",
            f"TZID:{self.zone.key}",
            "BEGIN:STANDARD",
            "DTSTART:19700101T000000",
            f"TZOFFSETFROM:{offset}",
            f"TZOFFSETTO:{offset}",
            f"TZNAME:{escape_text(abbreviation)}",
            "END:STANDARD",
            "END:VTIMEZONE",
        ]

    def to_ical(self) -> str:
        head = ["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:{PRODID}", "CALSCALE:GREGORIAN"]
        if self.method:
            head.append(f"METHOD:{self.method}")
        if self.name:
            head.append(f"X-WR-CALNAME:{escape_text(self.name)}")
            head.append(f"NAME:{escape_text(self.name)}")
        body = [line for event in self.events for line in event]
        lines = head + self._timezone_lines() + body + ["END:VCALENDAR"]
        return "".join(fold(line) + CRLF for line in lines)
