"""Date-time text as the document states it (RFC 3339), read and written for the contract hooks."""

from datetime import datetime, timezone


def parse_instant(value, naive_as_utc=False):
    """The instant `value` names; None when it is not a date-time (or has no offset, unless
    `naive_as_utc`)."""
    if not isinstance(value, str):
        return None
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00").replace("z", "+00:00"))
    except ValueError:
        return None
    if parsed.tzinfo:
        return parsed
    return parsed.replace(tzinfo=timezone.utc) if naive_as_utc else None


def iso(moment):
    """UTC, milliseconds, `Z`: what the service writes."""
    return moment.astimezone(timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z")
