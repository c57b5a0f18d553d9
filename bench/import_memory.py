"""Peak memory of a proposal-ledger import (the largest import) at 6,000 and 50,000 rows, and of refusing bombs.

    .venv/bin/python -m bench.import_memory [--rows 6000 50000] [--write]

For each size, one process prepares a SQLite file var/bench/import-memory-<rows>.sqlite3 (migrated, a
committee with members and units as tests/proposals/ledger_factory.py builds them) and writes the
ledger .xlsx; a second, fresh process reads the file as the import job does and reports its peak
resident memory (getrusage ru_maxrss) before and after: validating every row (read, parse, check:
all the file-dependent work), or with --write the whole import (validate, then write in one
transaction). Then two crafted files are fed to the same reader: a compressed bomb (a sheet of a
million rows squeezed into a few MB) and a workbook over IMPORT_MAX_ROWS; both must be refused before
a row is parsed, with memory near the baseline. The table goes to stdout (copy it to bench/README.md).
"""

import argparse
import io
import json
import os
import resource
import subprocess
import sys
import time
import zipfile

from . import env

ROWS = (6_000, 50_000)


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: kilobytes


def _target(rows):
    return env.target(str(env.BENCH_VAR / f"import-memory-{rows}.sqlite3"), None, env.BENCH_VAR / "x.sqlite3")


def prepare(rows: int) -> None:
    t = _target(rows)
    if t.path.exists():
        t.path.unlink()
    t.path.parent.mkdir(parents=True, exist_ok=True)
    env.setup(t)
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from tests import factories
    from tests.proposals.ledger_factory import LedgerWorld, ledger_rows, ledger_workbook

    world = LedgerWorld(factories.committee("基准测试委员会"))
    content = ledger_workbook(ledger_rows(world, rows))
    (env.BENCH_VAR / f"ledger-{rows}.xlsx").write_bytes(content)


def bomb_bytes(rows=1_000_000) -> bytes:
    """A real-looking .xlsx whose sheet is a million rows of the same cells: a few MB that unpack to ~1 GB."""
    from tests.proposals.ledger_factory import HEADERS, ledger_workbook

    good = ledger_workbook([], headers=HEADERS)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(good)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as dst:
        for info in src.infolist():
            if info.filename != "xl/worksheets/sheet1.xml":
                dst.writestr(info, src.read(info))
                continue
            with dst.open("xl/worksheets/sheet1.xml", "w") as sheet:
                sheet.write(b'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/'
                            b'spreadsheetml/2006/main"><sheetData>')
                cells = "".join(f'<c t="inlineStr"><is><t>关于加快茶叶产业发展的提案{i}</t></is></c>' for i in range(17))
                row = f"<row>{cells}</row>".encode()
                for _ in range(rows):
                    sheet.write(row)
                sheet.write(b"</sheetData></worksheet>")
    return out.getvalue()


def measure(rows: int, write: bool, case: str) -> dict:
    t = _target(rows)
    env.setup(t)
    from django.core.exceptions import ValidationError

    from members.models import Session
    from proposals.ledger import importer as ledger_import

    session = Session.objects.select_related("committee", "term").get(committee__name="基准测试委员会")
    if case == "ledger":
        content = (env.BENCH_VAR / f"ledger-{rows}.xlsx").read_bytes()
    elif case == "bomb":
        content = bomb_bytes()
    else:  # over the row limit: the generated file, read with a limit one below its size
        content = (env.BENCH_VAR / f"ledger-{rows}.xlsx").read_bytes()
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        unpacked = sum(i.file_size for i in archive.infolist())
    baseline = _peak_mb()
    started = time.perf_counter()
    outcome = "ok"
    try:
        if write:
            outcome = ledger_import.run(session, None, io.BytesIO(content))
        else:
            importer = ledger_import.LedgerImporter(session=session)
            if case == "over":
                importer.max_rows = rows - 1
            outcome = f"{len(importer.validate(io.BytesIO(content)))} rows valid"
    except ValidationError as error:
        outcome = "refused: " + " ".join(error.messages)
    except ledger_import.ImportFailed as failed:
        outcome = "invalid: " + failed.summary()[:200]
    return {
        "case": case, "rows": rows, "write": write, "file_mb": round(len(content) / 2**20, 1),
        "unpacked_mb": round(unpacked / 2**20, 1), "baseline_mb": round(baseline), "peak_mb": round(_peak_mb()),
        "seconds": round(time.perf_counter() - started, 1), "outcome": outcome[:160],
    }


def _child(*args) -> dict:
    proc = subprocess.run([sys.executable, "-m", "bench.import_memory", *args], capture_output=True, text=True,
                          cwd=env.BASE_DIR, env={**os.environ, "PYTHONUNBUFFERED": "1"})
    if proc.returncode:
        raise SystemExit(f"bench.import_memory {' '.join(args)} failed:\n{proc.stderr[-3000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1]) if proc.stdout.strip() else {}


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rows", type=int, nargs="+", default=list(ROWS))
    parser.add_argument("--write", action="store_true", help="the whole import, not only the validation")
    parser.add_argument("--prepare", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--measure", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--case", default="ledger", help=argparse.SUPPRESS)
    options = parser.parse_args(argv)
    if options.prepare:
        prepare(options.prepare)
        return
    if options.measure:
        print(json.dumps(measure(options.measure, options.write, options.case), ensure_ascii=False))
        return
    results = []
    for rows in options.rows:
        if not (env.BENCH_VAR / f"ledger-{rows}.xlsx").exists() or not _target(rows).path.exists():
            print(f"preparing {rows} rows ...", file=sys.stderr)
            _child("--prepare", str(rows))
        for case in ("ledger", "over"):
            args = ["--measure", str(rows), "--case", case] + (["--write"] if options.write and case == "ledger" else [])
            results.append(_child(*args))
            print(results[-1], file=sys.stderr)
    results.append(_child("--measure", str(options.rows[0]), "--case", "bomb"))
    print("| case | rows | file MB | unpacked MB | RSS before MB | peak RSS MB | seconds | outcome |")
    print("|---|---|---|---|---|---|---|---|")
    for r in results:
        what = {"ledger": "ledger import" + (" (validate + write)" if r["write"] else " (validate)"),
                "over": "over the row limit", "bomb": "compressed bomb"}[r["case"]]
        print(f"| {what} | {r['rows']:,} | {r['file_mb']} | {r['unpacked_mb']} | {r['baseline_mb']} | {r['peak_mb']} "
              f"| {r['seconds']} | {r['outcome']} |")


if __name__ == "__main__":
    main()
