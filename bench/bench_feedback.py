"""How good is `toynn check`'s feedback on realistic wrong files? (exercises 4-13)

    python3 bench/bench_feedback.py [--only exerciseN] [--trace-off | --compare-trace] [--json OUT]
                                    [--timeout SECONDS]

Runs `toynn check EX --file F --json` (one subprocess per file, two at a time) on every
file of bench/feedback/rungs/manifest.toml: wrong learner files written from the contracts
alone (one or two mistakes each, with the lines a teacher would circle and the checker ids
whose title describes each mistake, `accept`), and a few correct files in other styles.

What the report is read for, over the failing checks only:
  ids   - report["toynn"]["diagnoses"], each test's "diagnosis" and each of its lines'/findings'
  lines - each test's "lines"/"findings" entries' "line", and "at FILE:N:" in the check messages
A mistake is *named* when one of the ids is in its accept list. *Exact lines*: the lines named
equal the manifest's lines of all the file's mistakes; *loose*: every manifest line is named.
False diagnoses are ids in no accept list of the file; stray lines are lines not in the manifest.

--trace-off sets TOYNN_TRACE=off (the checker skips its line-by-line trace). --compare-trace
checks every wrong file both ways, interleaved, and prints both times and their ratio (the
verdicts and totals come from the trace-on runs). A check that times out, crashes or prints
no JSON is counted and shown. A benchmark, not a test: nothing here asserts.
"""
from __future__ import annotations

import argparse
import json
import os
import re
import signal
import statistics
import subprocess
import sys
import time
import tomllib
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RUNGS = ROOT / "bench" / "feedback" / "rungs"


def check(entry: dict, trace_off: bool, timeout: float) -> dict:
    """One `toynn check` in a fresh process: {"seconds", "report"} or {"seconds", "error"}."""
    env = dict(os.environ)
    if trace_off:
        env["TOYNN_TRACE"] = "off"
    cmd = [sys.executable, "-m", "toynn_tui", "check", entry["exercise"],
           "--file", str(RUNGS / entry["path"]), "--json"]
    t0 = time.perf_counter()
    try:   # its own session, so that a timeout ends the check's whole process group
        proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                text=True, start_new_session=True)
    except OSError as exc:
        return {"seconds": time.perf_counter() - t0, "error": f"could not start: {exc}"}
    try:
        stdout, stderr = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.communicate()
        return {"seconds": time.perf_counter() - t0, "error": f"timeout after {timeout:g}s"}
    seconds = time.perf_counter() - t0
    try:
        report = json.loads(stdout)
        if not isinstance(report, dict):
            raise ValueError("not an object")
    except ValueError:
        tail = (stderr.strip().splitlines() or ["(no output)"])[-1][:200]
        return {"seconds": seconds, "error": f"exit {proc.returncode}, no JSON: {tail}"}
    return {"seconds": seconds, "report": report}


def read_report(report: dict, basename: str) -> tuple[bool, set[str], set[int]]:
    """(passed, diagnosis ids, line numbers) of one report, from its failing checks."""
    toy = report.get("toynn") if isinstance(report.get("toynn"), dict) else {}
    tests = report.get("tests") or []
    ids = {d for d in toy.get("diagnoses") or [] if isinstance(d, str)}
    lines: set[int] = set()
    at = re.compile(rf"at {re.escape(basename)}:(\d+)")
    for i, extra in enumerate(toy.get("tests") or []):
        test = tests[i] if i < len(tests) and isinstance(tests[i], dict) else {}
        if test.get("status") == "pass" or not isinstance(extra, dict):
            continue
        if isinstance(extra.get("diagnosis"), str):
            ids.add(extra["diagnosis"])
        for key in ("lines", "findings"):
            for item in extra.get(key) or []:
                if not isinstance(item, dict):
                    continue
                if isinstance(item.get("diagnosis"), str):
                    ids.add(item["diagnosis"])
                if isinstance(item.get("line"), int):
                    lines.add(item["line"])
                lines.update(n for n in item.get("lines") or [] if isinstance(n, int))
        lines.update(int(n) for n in at.findall(test.get("message") or ""))
    return report.get("status") == "pass", ids, lines


def judge(entry: dict, result: dict) -> dict:
    """Everything the totals need about one file's check."""
    mistakes = entry.get("mistakes") or []
    want = {n for m in mistakes for n in m.get("lines", [])}
    row = {"path": entry["path"], "wrong": bool(mistakes), "seconds": result["seconds"],
           "error": result.get("error"), "want": sorted(want)}
    if "report" not in result:
        row.update(passed=None, ids=[], lines=[], named=[False] * len(mistakes))
        return row
    passed, ids, lines = read_report(result["report"], Path(entry["path"]).name)
    accept = {a for m in mistakes for a in m.get("accept", [])}
    row.update(passed=passed, ids=sorted(ids), lines=sorted(lines),
               named=[bool(ids & set(m.get("accept", []))) for m in mistakes],
               false_ids=sorted(ids - accept) if mistakes else sorted(ids),
               stray=sorted(lines - want), exact=lines == want, loose=want <= lines)
    return row


def show(row: dict, off: dict | None) -> str:
    verdict = "ERROR" if row["error"] else ("pass" if row["passed"] else "fail")
    if row["error"]:
        judgement = row["error"]
    elif not row["wrong"]:
        judgement = "ok (correct file passes)" if row["passed"] else "FALSE FAIL of a correct file"
    elif row["passed"]:
        judgement = "MISSED: a wrong file passes"
    else:
        judgement = (f"named {sum(row['named'])}/{len(row['named'])}, lines "
                     + ("exact" if row["exact"] else "loose" if row["loose"] else "off"))
    text = (f"{verdict:5s} {row['path']:46s} {row['seconds']:6.2f}s  {judgement}\n"
            f"      ids: {', '.join(row['ids']) or '-'}   lines: {row['lines'] or '-'}   want: {row['want'] or '-'}")
    if off is not None:
        ratio = off["seconds"] / row["seconds"] if row["seconds"] else float("nan")
        text += f"\n      trace on {row['seconds']:.2f}s, off {off['seconds']:.2f}s, off/on {ratio:.2f}"
    return text


def frac(x: int, y: int) -> str:
    return f"{x} of {y}" + (f" ({100 * x / y:.0f}%)" if y else "")


def totals(rows: list[dict], offs: dict[str, dict]) -> dict:
    right = [r for r in rows if not r["wrong"]]
    wrong = [r for r in rows if r["wrong"]]
    judged = [r for r in wrong if not r["error"]]
    double = [r for r in judged if len(r["named"]) > 1]
    times = [r["seconds"] for r in wrong if not r["error"]]
    out = {
        "correct files passing": frac(sum(bool(r["passed"]) for r in right), len(right)),
        "wrong files failing": frac(sum(r["passed"] is False for r in wrong), len(wrong)),
        "mistakes named": frac(sum(sum(r["named"]) for r in judged), sum(len(r["named"]) for r in wrong)),
        "two-mistake files with both named": frac(sum(all(r["named"]) for r in double), len(double)),
        "exact lines (files)": frac(sum(r["exact"] for r in judged if not r["passed"]), len(wrong)),
        "loose lines (files)": frac(sum(r["loose"] for r in judged if not r["passed"]), len(wrong)),
        "checks without a report (timeout/crash)": [f"{r['path']}: {r['error']}" for r in rows if r["error"]],
        "false diagnoses": [f"{r['path']}: {i}" for r in rows if not r["error"] for i in r["false_ids"]],
        "stray lines": [f"{r['path']}: {r['stray']}" for r in judged if r["stray"]],
        "check time per wrong file, mean / median (s)":
            f"{statistics.mean(times):.2f} / {statistics.median(times):.2f}" if times else "-",
    }
    if offs:
        pairs = [(r["seconds"], offs[r["path"]]["seconds"]) for r in judged if r["path"] in offs]
        if pairs:
            on, off = zip(*pairs)
            out["trace on vs off, mean (s)"] = (f"{statistics.mean(on):.2f} vs {statistics.mean(off):.2f}; "
                                                f"median ratio off/on {statistics.median(b / a for a, b in pairs):.2f}")
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--only", metavar="EXERCISE", help="only this exercise's files, e.g. exercise9")
    ap.add_argument("--trace-off", action="store_true", help="run the checks with TOYNN_TRACE=off")
    ap.add_argument("--compare-trace", action="store_true",
                    help="also check each wrong file with TOYNN_TRACE=off, interleaved, and compare times")
    ap.add_argument("--json", metavar="OUT", help="write the rows and totals to this file")
    ap.add_argument("--timeout", type=float, default=180.0, help="seconds per check (default 180)")
    args = ap.parse_args()
    files = tomllib.loads((RUNGS / "manifest.toml").read_text())["file"]
    if args.only:
        files = [f for f in files if f["exercise"] == args.only]
    jobs = [(f, args.trace_off) for f in files]
    if args.compare_trace:   # each wrong file's trace-off run right after its trace-on run
        jobs = [j for f in files for j in ([(f, False), (f, True)] if f["mistakes"] else [(f, False)])]
    print(f"{len(files)} files, {len(jobs)} checks, 2 at a time"
          + (", TOYNN_TRACE=off" if args.trace_off and not args.compare_trace else ""), flush=True)
    with ThreadPoolExecutor(max_workers=2) as pool:
        results = list(pool.map(lambda job: check(*job, args.timeout), jobs))
    rows, offs = [], {}
    for (entry, off), result in zip(jobs, results):
        if args.compare_trace and off:
            offs[entry["path"]] = result
        else:
            rows.append(judge(entry, result))
    for row in rows:
        print(show(row, offs.get(row["path"])))
    summary = totals(rows, offs)
    print("\n== totals")
    for key, value in summary.items():
        if isinstance(value, list):
            print(f"{key}: {len(value)}")
            for item in value:
                print(f"    {item}")
        else:
            print(f"{key}: {value}")
    if args.json:
        Path(args.json).write_text(json.dumps({"rows": rows, "totals": summary,
                                               "trace_off": {p: r["seconds"] for p, r in offs.items()}}, indent=1))


if __name__ == "__main__":
    main()
