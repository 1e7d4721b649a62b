"""Greppable key=value logs, each line carrying the id of the request it belongs to."""

import contextvars
import logging
import re
import uuid

request_id = contextvars.ContextVar("request_id", default="-")
VALID_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")


def new_request_id(header_value=None):
    """Use the proxy's X-Request-ID when it looks safe, so logs can be joined up; otherwise make one."""
    if header_value and VALID_ID.match(header_value):
        return header_value
    return uuid.uuid4().hex


class RequestIdFilter(logging.Filter):
    def filter(self, record):
        record.request_id = request_id.get()
        return True
