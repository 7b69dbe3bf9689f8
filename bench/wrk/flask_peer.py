#!/usr/bin/env python3
"""The peer for bench/wrk/run: what a small Python implementation of Switchboard's voice webhook would do."""
# It validates X-Twilio-Signature, normalises the caller's number, looks up an active booking in the same
# SQLite file (read-only, the same indexed query as Switchboard's BookingLookup) and answers <Dial><Sip> or
# <Dial><Number>. It does less than Switchboard: no Retell registration and no call log.
#
# Settings come from the environment: PEER_DB (the database file), PEER_AUTH_TOKEN, PEER_TOKEN (the path's
# webhook token), PEER_FALLBACK (E.164), PEER_SIP_DOMAIN, PEER_PUBLIC_URL (optional: the base URL Twilio
# signs, else the URL as this server received it).

import base64
import hashlib
import hmac
import os
import re
import sqlite3
import threading
import time
import urllib.parse
from xml.sax.saxutils import escape

from flask import Flask, Response, abort, request

DB_PATH = os.environ["PEER_DB"]
AUTH_TOKEN = os.environ["PEER_AUTH_TOKEN"].encode()
TOKEN = os.environ["PEER_TOKEN"]
FALLBACK = os.environ.get("PEER_FALLBACK", "+15550009999")
SIP_DOMAIN = os.environ.get("PEER_SIP_DOMAIN", "sip.retellai.com")
PUBLIC_URL = os.environ.get("PEER_PUBLIC_URL", "").rstrip("/")

WITHHELD = {"", "anonymous", "unknown", "restricted", "+266696687"}

# Customers by the phone index; their bookings that have not ended by the (customer_id, ends_at) index.
LOOKUP_SQL = """SELECT c.id, c.name, b.id, b.external_id, b.starts_at
FROM customers c
LEFT JOIN bookings b ON b.customer_id = c.id AND b.ends_at > ? AND b.status IN ('confirmed', 'pending')
WHERE c.phone_e164 = ?
ORDER BY b.id IS NULL, b.starts_at, c.id
LIMIT 1"""

app = Flask(__name__)
local = threading.local()


def database():
    # One read-only connection per thread, as sqlite3 connections are not shared between threads.
    connection = getattr(local, "connection", None)
    if connection is None:
        connection = sqlite3.connect(f"file:{urllib.parse.quote(DB_PATH)}?mode=ro", uri=True, check_same_thread=True)
        local.connection = connection
    return connection


def normalise(number):
    """E.164 for a US-style number, None for a withheld or unusable one (no libphonenumber here)."""
    number = number.strip()
    if number.lower() in WITHHELD:
        return None
    digits = re.sub(r"\D", "", number)
    if number.startswith("+"):
        return "+" + digits if 8 <= len(digits) <= 15 else None
    if len(digits) == 10:
        return "+1" + digits
    if len(digits) == 11 and digits.startswith("1"):
        return "+" + digits
    return None


def valid_signature(url, form, signature):
    signed = url + "".join(name + value for name in sorted(form) for value in sorted(set(form.getlist(name))))
    expected = base64.b64encode(hmac.new(AUTH_TOKEN, signed.encode(), hashlib.sha1).digest()).decode()
    return hmac.compare_digest(expected, signature)


def twiml(inner):
    xml = f'<?xml version="1.0" encoding="UTF-8"?><Response>{inner}</Response>'
    return Response(xml, status=200, content_type="text/xml")


@app.post("/twilio/voice/<token>")
def voice(token):
    if not hmac.compare_digest(token, TOKEN):
        abort(403)
    url = PUBLIC_URL + request.full_path.rstrip("?") if PUBLIC_URL else request.url
    if not valid_signature(url, request.form, request.headers.get("X-Twilio-Signature", "")):
        abort(403)
    caller = normalise(request.form.get("From", ""))
    booking = None
    if caller:
        row = database().execute(LOOKUP_SQL, (int(time.time() * 1000), caller)).fetchone()
        if row and row[2] is not None:
            booking = row
    if booking:
        call_sid = request.form.get("CallSid", "")
        return twiml(f"<Dial><Sip>sip:{escape(call_sid)}@{escape(SIP_DOMAIN)};transport=tcp</Sip></Dial>")
    return twiml(f"<Dial><Number>{escape(FALLBACK)}</Number></Dial>")


if __name__ == "__main__":
    # Without gunicorn: Flask's own threaded server (a development server, so the figures are a floor).
    import argparse

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--listen", default="127.0.0.1:8090", help="HOST:PORT")
    args = parser.parse_args()
    host, port = args.listen.rsplit(":", 1)
    app.run(host=host, port=int(port), threaded=True)
