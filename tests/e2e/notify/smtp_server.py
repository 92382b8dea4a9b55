#!/usr/bin/env python3
"""A local SMTP server for tests/e2e/test_notify.sh: takes every mail and writes it to
DIR/mail-N.eml (with its envelope in DIR/mail-N.rcpt), prints its port to DIR/smtp-port.
Python's smtpd (3.11 and earlier); exits 77 when it is missing, so the caller can skip."""
import os
import sys
import warnings

warnings.simplefilter("ignore")
try:
    import asyncore
    import smtpd
except ImportError:
    sys.exit(77)

DIR = sys.argv[1]


class Server(smtpd.SMTPServer):
    count = 0

    def process_message(self, peer, mailfrom, rcpttos, data, **kwargs):
        Server.count += 1
        base = os.path.join(DIR, f"mail-{Server.count}")
        with open(base + ".eml", "wb") as f:
            f.write(data if isinstance(data, bytes) else data.encode())
        with open(base + ".rcpt", "w") as f:
            f.write(mailfrom + "\n" + "\n".join(rcpttos) + "\n")


server = Server(("127.0.0.1", 0), None, decode_data=False)
with open(os.path.join(DIR, "smtp-port.tmp"), "w") as f:
    f.write(str(server.socket.getsockname()[1]))
os.rename(os.path.join(DIR, "smtp-port.tmp"), os.path.join(DIR, "smtp-port"))
asyncore.loop()
