"""Plain-Python peer of reading Shiller's workbook, for BENCHMARKS.md.

Opens `ie_data.xls` with xlrd (the reader the shared data's CSV conversions were made with),
takes sheet `Data` from its first data row, and turns each float date (`1871.01`, `2000.1` =
October) into (year, month) with P, D, E, CPI, Date Fraction and GS10. It stores nothing, so
it does LESS work than `bullcheck data import ie_data.xls` (which also writes a SQLite store
with provenance).

Usage: pip install xlrd; python3 benches/workbook_peer.py ie_data.xls
"""

import sys

import xlrd


def main(path):
    sheet = xlrd.open_workbook(path).sheet_by_name("Data")
    rows = []
    for r in range(8, sheet.nrows):
        values = sheet.row_values(r)
        if isinstance(values[0], float):
            year = int(values[0])
            month = round((values[0] - year) * 100)
            rows.append((year, month, values[1:7]))
    print(len(rows))


if __name__ == "__main__":
    main(sys.argv[1])
