#!/usr/bin/env python3
"""Writes the customers and bookings CSVs that bench/wrk/run imports through the real importer."""
# Even-numbered customers get one upcoming confirmed booking; every other booking is in the past and
# completed, so the lookup has to skip history. Phones are written the way front-desk staff type them.

import argparse
import datetime
import os


def written_phone(i):
    digits = str(2000000 + i)
    return f"(555) {digits[:3]}-{digits[3:]}"


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--customers", type=int, required=True)
    parser.add_argument("--bookings", type=int, required=True)
    parser.add_argument("--out", required=True, help="folder for customers.csv and bookings.csv")
    args = parser.parse_args()
    if not 0 < args.customers <= 6000000:
        parser.error("--customers must be between 1 and 6000000 (the phone numbers run out)")

    with open(os.path.join(args.out, "customers.csv"), "w", encoding="utf-8", newline="") as f:
        f.write("customer_id,name,phone,email,notes\n")
        f.writelines(f"C{i},Customer {i},{written_phone(i)},,\n" for i in range(args.customers))

    now = datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0)
    iso = lambda t: t.strftime("%Y-%m-%dT%H:%M:%SZ")
    # The history's start times repeat for every customer: format them once.
    per_customer = max(1, args.bookings // args.customers)
    past = [iso(now - datetime.timedelta(days=30 + k * 7)) for k in range(per_customer)]
    upcoming = [iso(now + datetime.timedelta(days=d, hours=1)) for d in range(20)]
    written = 0
    with open(os.path.join(args.out, "bookings.csv"), "w", encoding="utf-8", newline="") as f:
        f.write("booking_id,customer_id,customer_name,phone,starts_at,ends_at,status,service,staff\n")
        rows = []
        for i in range(args.customers):
            for k in range(per_customer):
                if written >= args.bookings:
                    break
                if i % 2 == 0 and k == per_customer - 1:
                    rows.append(f"B{written},C{i},,,{upcoming[i % 20]},,confirmed,Cleaning,\n")
                else:
                    rows.append(f"B{written},C{i},,,{past[k]},,completed,Cleaning,\n")
                written += 1
            if len(rows) >= 100000:
                f.writelines(rows)
                rows.clear()
        f.writelines(rows)
    print(f"{args.customers} customers, {written} bookings")


if __name__ == "__main__":
    main()
