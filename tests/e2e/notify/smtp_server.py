#!/usr/bin/env python3
"""A local SMTP server for tests/e2e/test_notify.sh, on aiosmtpd (Debian's
python3-aiosmtpd): takes every mail and writes it to DIR/mail-N.eml (its envelope to
DIR/mail-N.rcpt, the TLS state to DIR/mail-N.tls), and prints its port to DIR/smtp-port.
MODE says how it speaks:
  plain     no TLS at all, STARTTLS not offered
  starttls  STARTTLS offered and required before MAIL (CERT and KEY: its certificate)
  tls       TLS from the first byte (smtps)
Usage: smtp_server.py DIR MODE [CERT KEY]. Exits 77 when aiosmtpd is missing, so that
the caller can skip."""
import os
import socket
import ssl
import sys
import threading

try:
    from aiosmtpd.controller import Controller
except ImportError:
    sys.exit(77)

DIR, MODE = sys.argv[1], sys.argv[2]
count = 0
lock = threading.Lock()


class Handler:
    async def handle_DATA(self, server, session, envelope):
        global count
        with lock:
            count += 1
            base = os.path.join(DIR, f"mail-{count}")
        with open(base + ".eml", "wb") as f:
            f.write(envelope.original_content or envelope.content)
        with open(base + ".rcpt", "w") as f:
            f.write(envelope.mail_from + "\n" + "\n".join(envelope.rcpt_tos) + "\n")
        with open(base + ".tls", "w") as f:
            secure = session.ssl or server.transport.get_extra_info("ssl_object")
            f.write("tls\n" if secure else "clear\n")
        return "250 OK"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


kwargs = {}
if MODE in ("starttls", "tls"):
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(sys.argv[3], sys.argv[4])
    if MODE == "starttls":
        kwargs = {"tls_context": context, "require_starttls": True}
    else:
        kwargs = {"ssl_context": context}
controller = Controller(Handler(), hostname="127.0.0.1", port=free_port(), **kwargs)
controller.start()
with open(os.path.join(DIR, "smtp-port.tmp"), "w") as f:
    f.write(str(controller.port))
os.rename(os.path.join(DIR, "smtp-port.tmp"), os.path.join(DIR, "smtp-port"))
threading.Event().wait()
