"""Realistic values for the reports (`/api/v1/audit/reports…`, `/api/v1/audit/compliance/gdpr`)
operations; see schemathesis_hooks.py.

The document states every bound of these operations a JSON Schema can (the report types, the
formats, a subject that is not blank, the job ids, `max_seq`). What it cannot state, because a
parameter's schema sees that parameter alone, is made realistic here:

- a report range must have `from` before `to` (or before now, when `to` is absent) and span at
  most REPORT_MAX_RANGE_DAYS; refused otherwise with REPORT_INVALID_RANGE;
- `subject` is needed by the compliance route only when `type=gdpr` (REPORT_SUBJECT_REQUIRED).

Cases meant to be refused (a value that breaks the document) are left as they are. Our own tests
cover bad ranges and a missing subject (tests/reports/reports_api_test.ts).
"""

from datetime import timedelta

from instants import iso, parse_instant

# REPORT_MAX_RANGE_DAYS as the contract run configures it (the default).
MAX_RANGE = timedelta(days=2557)
SUBJECT = "u-1024"


def _fix_range(query, now):
    """`from` before `to` (default now) and at most MAX_RANGE before it: cross-field and clock."""
    start, end = parse_instant(query.get("from")), parse_instant(query.get("to"))
    if "from" in query and start is None or "to" in query and end is None:
        return  # not a date-time: the case is meant to be refused
    end_or_now = end or now
    if start is None or (start < end_or_now and end_or_now - start <= MAX_RANGE):
        return
    try:
        query["from"] = iso(end_or_now - timedelta(hours=1))
    except OverflowError:  # `to` within the first hour of year 1
        query["to"], query["from"] = iso(now), iso(now - timedelta(hours=1))


def realistic(case, now):
    """The case with the values the document cannot express made realistic."""
    query = case.query if isinstance(case.query, dict) else None
    if query is None:
        return case
    path = case.operation.path
    if path in ("/api/v1/audit/reports/compliance", "/api/v1/audit/compliance/gdpr"):
        _fix_range(query, now)
    if path == "/api/v1/audit/reports/compliance" and query.get("type") == "gdpr" \
            and "subject" not in query:
        # Needed with type=gdpr only: a dependency between parameters.
        query["subject"] = SUBJECT
    return case
