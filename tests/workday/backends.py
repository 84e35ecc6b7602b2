"""An email backend that fails (SMTP down), counting its calls."""

import smtplib

from django.core.mail.backends.base import BaseEmailBackend

CALLS = {"count": 0}


class FailingBackend(BaseEmailBackend):
    def send_messages(self, email_messages):
        CALLS["count"] += 1
        raise smtplib.SMTPServerDisconnected("Máy chủ thư không trả lời")
