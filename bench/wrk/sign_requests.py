#!/usr/bin/env python3
"""Writes signed Twilio incoming-call webhooks for bench/wrk/webhook.lua, one fixed-width record each."""
# Each request is a new call (CallSid "CA" + 32 random hex) with the form fields Twilio sends to a voice
# webhook, signed the way Twilio signs it: base64(HMAC-SHA1(auth token, URL + each name and value, sorted by
# name)). Signing happens here, before the clock starts, as Twilio would have done it on its side.
#
# File layout: a header record "#wrk-requests 1 WIDTH COUNT HOST PATH", then COUNT records of
# "SIGNATURE BODY", every record padded with spaces to WIDTH bytes (newline included) so that a reader
# can seek straight to record i at (i + 1) * WIDTH.

import argparse
import base64
import hashlib
import hmac
import random
import secrets
import sys
import urllib.parse

ACCOUNT_SID = "AC" + "0123456789abcdef" * 2
BUSINESS = "+15557654321"
WIDTH = 384


def customer_e164(i):
    return f"+1555{2000000 + i}"


def nobody_e164(rng):
    # Area code 556: no customer has one.
    return f"+1556{rng.randrange(3000000, 9999999)}"


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--url", required=True, help="the URL the requests are signed for, e.g. http://127.0.0.1:8080/twilio/voice/TOKEN")
    parser.add_argument("--host", help="Host header (default: the URL's host:port)")
    parser.add_argument("--auth-token", required=True)
    parser.add_argument("--customers", type=int, required=True, help="customers seeded (even ones are booked)")
    parser.add_argument("--booked-share", type=float, required=True, help="0 to 1")
    parser.add_argument("--count", type=int, required=True)
    parser.add_argument("--seed", type=int, default=1, help="picks the callers (CallSids are always random)")
    parser.add_argument("--out", required=True)
    args = parser.parse_args()
    if not 0 <= args.booked_share <= 1:
        parser.error("--booked-share must be between 0 and 1")
    if args.customers < 1 or args.count < 1:
        parser.error("--customers and --count must be at least 1")

    url = urllib.parse.urlsplit(args.url)
    host = args.host or url.netloc
    target = url.path + ("?" + url.query if url.query else "")
    key = args.auth_token.encode()
    rng = random.Random(args.seed)
    booked_slots = round(args.booked_share * 100)
    even_customers = (args.customers + 1) // 2

    with open(args.out, "wb") as out:
        header = f"#wrk-requests 1 {WIDTH} {args.count} {host} {target}".encode()
        out.write(header.ljust(WIDTH - 1) + b"\n")
        for n in range(args.count):
            caller = customer_e164(2 * rng.randrange(even_customers)) if n % 100 < booked_slots else nobody_e164(rng)
            fields = {
                "AccountSid": ACCOUNT_SID,
                "ApiVersion": "2010-04-01",
                "CallSid": "CA" + secrets.token_hex(16),
                "CallStatus": "ringing",
                "Called": BUSINESS,
                "Caller": caller,
                "Direction": "inbound",
                "From": caller,
                "FromCountry": "US",
                "To": BUSINESS,
                "ToCountry": "US",
            }
            signed = args.url + "".join(name + fields[name] for name in sorted(fields))
            signature = base64.b64encode(hmac.new(key, signed.encode(), hashlib.sha1).digest())
            body = urllib.parse.urlencode(fields).encode()
            record = signature + b" " + body
            if len(record) >= WIDTH:
                sys.exit(f"sign_requests: a request of {len(record)} bytes does not fit a {WIDTH}-byte record")
            out.write(record.ljust(WIDTH - 1) + b"\n")


if __name__ == "__main__":
    main()
