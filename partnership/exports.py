"""The security log as CSV (columns in docs/formats.md). Usernames of failed logins are typed by
anyone, so every text cell goes through the shared writer's escaping."""

import datetime as dt

from bscp_portal.lib.exports import Column, respond
from partnership.models import SecurityEvent

SECURITY_LOG_COLUMNS = [
    Column("Time (UTC)", lambda e: e.at.astimezone(dt.UTC)),
    Column.field(SecurityEvent, "kind"),
    Column.field(SecurityEvent, "username"),
    Column.field(SecurityEvent, "subject_username"),
    Column("IP address", lambda e: e.ip_address),
    Column.field(SecurityEvent, "path"),
    Column.field(SecurityEvent, "detail"),
]


def security_log_response(request, events):
    """The events (a queryset, streamed) as security-log.csv; a long log is built in the background."""
    return respond(
        fmt="csv",
        filename="security-log",
        columns=SECURITY_LOG_COLUMNS,
        rows=events.iterator(chunk_size=2000),
        sheet="Security log",
        request=request,
        count=events.count(),
    )
