"""Realistic values for the alerts, silences and alert rules (`/api/v1/alerts…`) operations; see schemathesis_hooks.py."""


def realistic(case, now):
    """The case with the values the document cannot express made realistic."""
    return case
