"""Realistic values for what the OpenAPI document cannot express.

Every bound JSON Schema can state is in the service's document (enums, patterns, lengths,
ranges, the configured page and batch sizes). Three kinds of rule cannot be stated there, and
Schemathesis would otherwise send requests that are schema-valid yet rightly refused:

- values only the service issues: signed page cursors (an HMAC over the caller and the
  query), so a generated cursor is never one the service handed out;
- rules that depend on the clock or on another field: a search window's `from` before its
  `to` and at most LOG_SEARCH_MAX_RANGE_DAYS wide; an audit event's `occurred_at` and a log
  event's `@timestamp` within retention and not in the future;
- the log query language (`q`), whose grammar (balanced parentheses, allowlisted fields, no
  leading wildcards) is not a regular language.

These hooks replace such values with realistic ones, as Schemathesis recommends for values
that must come from the environment. No check is disabled or relaxed: every response is
still checked against every rule, and requests that break the document are still generated
and must be refused. Our own tests cover forged cursors, bad windows, stale timestamps and
invalid queries (tests/logs, tests/audit, tests/http).
"""

import random
from datetime import datetime, timedelta, timezone

import schemathesis

import alert_cases
import report_cases
from instants import iso, parse_instant

MAX_RANGE = timedelta(days=31)
MAX_SAFE = 2**53 - 1
QUERIES = [
    "timeout",
    'timeout AND service:checkout NOT "health check"',
    "error OR warn",
    "status:>=500",
    "url.path:/api/*",
    "(payment OR refund) AND -debug",
    "",
]
WINDOW_PATHS = ("/api/v1/logs/", "/api/v1/audit/trail/", "/api/v1/audit/export")


def _fix_window(container, now):
    """A valid `from`/`to` pair stays valid only if ordered and not wider than the bound."""
    start = parse_instant(container.get("from"), naive_as_utc=True)
    end = parse_instant(container.get("to"), naive_as_utc=True)
    if "from" in container and start is None or "to" in container and end is None:
        return  # not a date: the case is meant to be refused
    end_or_now = end or now
    if start is not None and (start >= end_or_now or end_or_now - start > MAX_RANGE):
        try:
            container["from"] = iso(end_or_now - timedelta(hours=1))
        except OverflowError:  # `to` at the very start of year 1
            container["to"] = iso(now)
            container["from"] = iso(now - timedelta(hours=1))


def _fix_query(container):
    if isinstance(container.get("q"), str) and len(container["q"]) <= 1024:
        container["q"] = random.choice(QUERIES)


def _recent(value, now):
    """A timestamp of the last minute, in the form the generated one had."""
    if isinstance(value, bool):
        return value
    moment = now - timedelta(seconds=random.randint(1, 60))
    if isinstance(value, (int, float)) and value == int(value) and 0 <= value <= MAX_SAFE:
        return int(moment.timestamp() * 1000)
    return iso(moment) if parse_instant(value, naive_as_utc=True) is not None else value


def _fix_audit_event(event, now):
    if isinstance(event, dict) and "occurred_at" in event:
        event["occurred_at"] = _recent(event["occurred_at"], now)


def _fix_log_event(event, now):
    if isinstance(event, dict) and event.get("@timestamp") is not None:
        event["@timestamp"] = _recent(event["@timestamp"], now)


@schemathesis.hook
def map_case(context, case):
    path = case.operation.path
    now = datetime.now(timezone.utc)
    if path.startswith("/api/v1/alerts"):
        return alert_cases.realistic(case, now)
    if path.startswith(("/api/v1/audit/reports", "/api/v1/audit/compliance")):
        return report_cases.realistic(case, now)
    query = case.query if isinstance(case.query, dict) else None
    if query is not None:
        cursor = query.get("cursor")
        if isinstance(cursor, str) and "." in cursor and len(cursor) <= 4096:
            del query["cursor"]  # only the service can issue a valid one
        if path.startswith(WINDOW_PATHS):
            _fix_window(query, now)
        if path.startswith("/api/v1/logs/"):
            _fix_query(query)
    body = case.body
    if path == "/api/v1/audit/events" and isinstance(body, dict):
        for event in body.get("events", [body]) if isinstance(body.get("events", [body]), list) else []:
            _fix_audit_event(event, now)
    if path == "/api/v1/logs" and case.media_type == "application/json":
        for event in body if isinstance(body, list) else [body]:
            _fix_log_event(event, now)
    if path == "/api/v1/searches" and isinstance(body, dict) and isinstance(body.get("query"), dict):
        _fix_window(body["query"], now)
        _fix_query(body["query"])
    return case
