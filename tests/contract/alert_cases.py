"""Realistic values for the alerts, silences and alert rules (`/api/v1/alerts…`) operations; see schemathesis_hooks.py.

The document states every shape and closed set of these operations. What it cannot state:

- a silence's `ends_at` must lie in the future, after `starts_at` and at most 90 days after it
  (clock-dependent and cross-field);
- a rule's `query` follows the log query grammar (not a regular language);
- a rule's durations are bounded by configuration (ALERT_RULE_MIN_INTERVAL_MS,
  ALERT_RULE_MAX_WINDOW_MS), beyond the pattern's per-unit digit bounds;
- an alert's `details` may take at most 16 KiB as JSON (a bound on the serialized size).

Only values the document accepts are replaced: a value a negative case broke on purpose is left
as it is, so that it must still be refused. The document's own examples are dated too (a
silence's example ends on a fixed day), so the examples phase gets the same treatment.
"""

import json
import random
import re
from datetime import datetime, timedelta, timezone

import schemathesis

from instants import iso, parse_instant

RULE_PATHS = ("/api/v1/alerts/rules",)
# The document's duration pattern (routes/alerts/schemas.ts).
DURATION = re.compile(r"^(?:[0-9]{1,8}ms|[0-9]{1,5}s|[0-9]{1,4}m|[0-9]{1,2}h|[01]d)$")
UNIT_MS = {"ms": 1, "s": 1_000, "m": 60_000, "h": 3_600_000, "d": 86_400_000}
# The contract run uses the default configuration (infra/config/schema.ts).
MIN_INTERVAL_MS = 10_000
MAX_WINDOW_MS = 86_400_000
# Each duration's bounds: (least, most) in milliseconds, and realistic values for outside them.
DURATION_BOUNDS = {
    "window": (1_000, MAX_WINDOW_MS, ["1m", "5m", "15m", "1h"]),
    "interval": (MIN_INTERVAL_MS, MAX_WINDOW_MS, ["10s", "30s", "1m", "5m"]),
    "for": (0, MAX_WINDOW_MS, ["0s", "1m", "2m"]),
    "keep_firing_for": (0, MAX_WINDOW_MS, ["0s", "5m"]),
}
RULE_QUERIES = [
    "timeout",
    "level:error AND timeout",
    'service:checkout AND NOT "health check"',
    "status:>=500",
    "url.path:/api/* AND (error OR fatal)",
    "",
]
MAX_QUERY_CHARS = 1024
MAX_SILENCE = timedelta(days=90)
DETAILS_BYTES = 16 * 1024


def _duration_ms(text):
    match = re.fullmatch(r"([0-9]+)(ms|s|m|h|d)", text)
    return int(match.group(1)) * UNIT_MS[match.group(2)]


def _fix_rule(body):
    """The query from the grammar; durations within the configured bounds."""
    if isinstance(body.get("query"), str) and len(body["query"]) <= MAX_QUERY_CHARS:
        body["query"] = random.choice(RULE_QUERIES)
    for name, (least, most, realistic) in DURATION_BOUNDS.items():
        value = body.get(name)
        if isinstance(value, str) and DURATION.fullmatch(value):
            if not least <= _duration_ms(value) <= most:
                body[name] = random.choice(realistic)


def _fix_silence(body, now):
    """`ends_at` in the future, after `starts_at` and at most 90 days after it."""
    ends = parse_instant(body.get("ends_at"))
    if ends is None:
        return  # not a date-time: the case is meant to be refused
    starts = parse_instant(body["starts_at"]) if "starts_at" in body else now
    if starts is None:
        return
    if not now - MAX_SILENCE + timedelta(days=1) <= starts <= now + timedelta(days=30):
        # No `ends_at` could be valid: moved near now (or, far ahead, beyond the calendar).
        starts = now + timedelta(minutes=random.randint(-600, 600))
        body["starts_at"] = iso(starts)
    if not (ends > starts and ends > now and ends - starts <= MAX_SILENCE):
        body["ends_at"] = iso(max(starts, now) + timedelta(minutes=random.randint(5, 24 * 60)))


def _json_bytes(value):
    """The size the service measures: JSON without whitespace, UTF-8."""
    return len(json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8"))


def _fix_details(body):
    """Members dropped until `details` fits its serialized-size bound."""
    details = body.get("details")
    if not isinstance(details, dict):
        return
    try:
        while details and _json_bytes(details) > DETAILS_BYTES:
            details.pop(next(iter(details)))
    except (TypeError, ValueError):
        return  # not JSON a client could send: left as generated


def realistic(case, now):
    """The case with the values the document cannot express made realistic."""
    path = case.operation.path
    method = case.method.upper()
    body = case.body if isinstance(case.body, dict) else None
    if body is None:
        return case
    if path.startswith(RULE_PATHS) and method in ("POST", "PUT"):
        _fix_rule(body)
    elif path == "/api/v1/alerts/silences" and method == "POST":
        _fix_silence(body, now)
    elif path == "/api/v1/alerts" and method == "POST":
        _fix_details(body)
    return case


@schemathesis.hook
def before_add_examples(context, examples):
    """The examples phase sends the document's examples without `map_case`: made realistic here."""
    if not context.operation.path.startswith("/api/v1/alerts"):
        return
    now = datetime.now(timezone.utc)
    for case in examples:
        realistic(case, now)
