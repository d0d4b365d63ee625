#!/usr/bin/env python3
"""Plain-Python peer of `bullcheck companies ingest`: what a straightforward script does.

Opens companyfacts.zip, loads every CIK##########.json entry with `json.load`, keeps the same
facts bullcheck keeps (the screen concepts, USD unit, with start/end/val/fy/fp/form/filed/accn/
frame, plus CIK and entity name), and counts companies, skipped entries and facts. Single
process, standard library only. Used by BENCHMARKS.md ("Company facts ingest").

Usage: python3 benches/companyfacts_peer.py ARCHIVE.zip
"""

import json
import sys
import time
import zipfile

KEPT = {
    "us-gaap": {
        "NetIncomeLoss",
        "OperatingIncomeLoss",
        "InterestExpense",
        "InterestExpenseNonoperating",
        "InterestExpenseDebt",
        "InterestPaidNet",
        "Revenues",
        "RevenueFromContractWithCustomerExcludingAssessedTax",
        "PaymentsToAcquirePropertyPlantAndEquipment",
        "PaymentsToAcquireProductiveAssets",
        "DepreciationDepletionAndAmortization",
        "NetCashProvidedByUsedInOperatingActivities",
        "LongTermDebt",
        "LongTermDebtMaturitiesRepaymentsOfPrincipalInNextTwelveMonths",
        "LongTermDebtMaturitiesRepaymentsOfPrincipalInYearTwo",
        "LongTermDebtMaturitiesRepaymentsOfPrincipalInYearThree",
        "LongTermDebtMaturitiesRepaymentsOfPrincipalInYearFour",
        "LongTermDebtMaturitiesRepaymentsOfPrincipalInYearFive",
        "LongTermDebtMaturitiesRepaymentsOfPrincipalAfterYearFive",
    },
    "dei": {"EntityPublicFloat"},
}
FIELDS = ("start", "end", "val", "fy", "fp", "form", "filed", "accn", "frame")


def main(path):
    started = time.perf_counter()
    companies, skipped, facts, json_bytes = [], 0, 0, 0
    with zipfile.ZipFile(path) as archive:
        for info in archive.infolist():
            if not info.filename.lower().endswith(".json"):
                continue
            json_bytes += info.file_size
            try:
                with archive.open(info) as entry:
                    doc = json.load(entry)
                kept = []
                for taxonomy, names in KEPT.items():
                    for name, concept in doc["facts"].get(taxonomy, {}).items():
                        if name not in names:
                            continue
                        for unit, rows in concept["units"].items():
                            if unit != "USD":
                                raise ValueError(f"unexpected unit {unit}")
                            for row in rows:
                                kept.append((taxonomy, name, unit) + tuple(row.get(f) for f in FIELDS))
                companies.append((doc["cik"], doc.get("entityName"), kept))
                facts += len(kept)
            except Exception:  # noqa: BLE001 - a peer skips bad entries like bullcheck does
                skipped += 1
    seconds = time.perf_counter() - started
    print(
        f"python peer: {len(companies)} companies, {skipped} skipped, {facts} facts, "
        f"{json_bytes / 1e6:.1f} MB JSON in {seconds:.1f} s ({json_bytes / 1e6 / seconds:.0f} MB/s)"
    )


if __name__ == "__main__":
    main(sys.argv[1])
