"""Real mail servers for the tests: aiosmtpd on a free local port, and one that hangs up.

Django's test set-up swaps every mailer for an in-memory one; these put the SMTP
backend back and point it at a server the test started, so each message really crosses the wire.
"""

import socket
import threading
from contextlib import contextmanager
from email import message_from_bytes, policy

from aiosmtpd.controller import Controller


class Inbox:
    """Collects every message the server accepts, parsed, with its envelope recipients."""

    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        message = message_from_bytes(envelope.content, policy=policy.default)
        message.recipients = list(envelope.rcpt_tos)
        message.sender = envelope.mail_from
        self.messages.append(message)
        return "250 Message accepted for delivery"

    def to(self, address):
        """The messages whose envelope went to `address`."""
        return [message for message in self.messages if address in message.recipients]


def _free_port():
    # aiosmtpd checks its server answers by connecting to the port it was given, so it needs
    # a real number rather than 0.
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def use_smtp(settings, port):
    """Send the site's email to an SMTP server on this machine's `port`."""
    settings.MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": port, "timeout": 5},
        }
    }


@contextmanager
def smtp_server(settings):
    """An SMTP server listening on a free port, which the site sends through; its Inbox."""
    inbox = Inbox()
    port = _free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        use_smtp(settings, port)
        yield inbox
    finally:
        controller.stop()


@contextmanager
def hanging_up_server(settings):
    """A port that accepts connections and closes them at once: a mail server gone wrong."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    listener.settimeout(0.2)
    stop = threading.Event()

    def hang_up():
        while not stop.is_set():
            try:
                connection, _ = listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            connection.close()

    thread = threading.Thread(target=hang_up, daemon=True)
    thread.start()
    use_smtp(settings, listener.getsockname()[1])
    try:
        yield
    finally:
        stop.set()
        thread.join()
        listener.close()
