"""Plain-Python peer of `bullcheck data import DIR`, for BENCHMARKS.md.

Walks a directory, reads every CSV with the csv module and every JSON file with json.load,
takes (date, value) pairs from two-column files and `records` files, and stores them in a fresh
SQLite database (one transaction per file, like bullcheck). It handles only the simple layouts
(a date column and numeric columns); it does not implement bullcheck's format traps (Shiller
dates, stacked Ken French tables, DFAST quarters, ...), so it does LESS work than bullcheck.

Usage: python3 benches/import_peer.py DIR DB
"""

import csv
import json
import os
import sqlite3
import sys


def number(text):
    try:
        return float(text)
    except (TypeError, ValueError):
        return None


def rows_of(path):
    if path.endswith(".json"):
        with open(path, encoding="utf-8") as f:
            doc = json.load(f)
        records = doc.get("records", []) if isinstance(doc, dict) else []
        for rec in records:
            if not isinstance(rec, dict):
                continue
            date = str(rec.get("date", ""))[:10]
            for key, value in rec.items():
                if key != "date":
                    yield key, date, number(value)
    elif path.endswith((".csv", ".CSV")):
        with open(path, encoding="utf-8-sig", newline="") as f:
            reader = csv.reader(f)
            header = next(reader, None)
            if not header:
                return
            for row in reader:
                if not row:
                    continue
                for name, cell in zip(header[1:], row[1:]):
                    yield name, row[0], number(cell)


def main():
    root, db = sys.argv[1], sys.argv[2]
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute(
        "CREATE TABLE IF NOT EXISTS observations (series_id TEXT, date TEXT, value REAL, "
        "PRIMARY KEY (series_id, date))"
    )
    total = 0
    for dirpath, _, files in sorted(os.walk(root)):
        for name in sorted(files):
            path = os.path.join(dirpath, name)
            stem = name.split(".")[0]
            try:
                rows = [(f"{stem}:{col}", d, v) for col, d, v in rows_of(path)]
            except (ValueError, UnicodeDecodeError):
                continue
            with conn:
                conn.executemany(
                    "INSERT OR REPLACE INTO observations VALUES (?, ?, ?)", rows
                )
            total += len(rows)
    print(f"{total} rows")


if __name__ == "__main__":
    main()
