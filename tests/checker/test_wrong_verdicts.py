"""End to end: every wrong learner file gets a fail verdict and its mistake's name from the real checker.

tests/checker/wrong/ holds learner files with one mistake each, named
`<exercise>__<mistake-id>[__<variant>].py`. test_mistakes.py feeds their
answers to the diagnose_* functions in-process; here each file goes through
`toynn check EXERCISE --file F --json` itself: the CLI command, pytest on the
grading files, the learner's code in its limited child process, the report.

Cost: grading a wrong exercise-3 file takes about 3 s of CPU, most of it the
learner's own 70 000 iterations and the trusted references. One process per
file would also pay, for every file, Python's start-up and the references a
process computes once and keeps (netchecks' and mistakes_runs' caches). So the
files are graded in a few batch processes, side by side; each batch runs the
real `toynn check` command (cli.main) once per file and hands back its exit
code and JSON. The human reports below are separate `toynn check` processes,
so the cold path (nothing cached) is covered too.
"""
from __future__ import annotations

import contextlib
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

WRONG = Path(__file__).resolve().parent / "wrong"
FILES = sorted(WRONG.glob("exercise*__*.py"))


def exercise_of(path: Path) -> str:
    return path.stem.split("__")[0]


def mistake_of(path: Path) -> str:
    return path.stem.split("__")[1]


# Besides its own mistake, a file may be given these, each a consequence of it:
ALSO_SEEN = {
    # one call of nonlin(x, True) returning the sigmoid is all the slope check sees of swapped branches
    "exercise1__deriv-inverted": {"deriv-ignored"},
    # one step that leaves the weights unchanged cannot tell a short loop from a lost update;
    # the longer runs then name the loop
    "exercise3__one-iteration-too-few": {"no-update"},
    # the slope of the dot product grows without bound: the longer runs overflow to NaN
    "exercise2__slope-of-pre-sigmoid": {"not-finite"},
    "exercise3__slope-of-pre-sigmoid": {"not-finite"},
}

# The mistakes the checker must name (the classic ones of this net), each with the wrong files that make it.
REQUIRED_MISTAKES = {
    "update with the wrong sign": ["exercise2__wrong-sign", "exercise3__wrong-sign"],
    "slope missing": ["exercise2__slope-missing", "exercise3__slope-missing"],
    "slope taken of the value before the sigmoid": ["exercise2__slope-of-pre-sigmoid",
                                                    "exercise3__slope-of-pre-sigmoid"],
    "error instead of delta sent back through syn1": ["exercise3__error-not-delta"],
    "first layer never updated": ["exercise3__first-layer-frozen"],
    "syn1 updated before l1's error is computed": ["exercise3__syn1-updated-first"],
    "syn1 drawn before syn0": ["exercise3__draw-order-reversed"],
    "not seeded": ["exercise3__not-seeded"],
    "another random generator": ["exercise2__not-seeded", "exercise3__not-seeded__default-rng"],
    "transposed weights": ["exercise2__transposed", "exercise3__transposed"],
    "flattened weights": ["exercise3__flattened"],
    "a learning rate": ["exercise3__scaled-update"],
    "averaging over examples": ["exercise2__scaled-update", "exercise3__scaled-update__averaged"],
    "one iteration too many": ["exercise2__one-iteration-too-many", "exercise3__one-iteration-too-many"],
    "returns None": ["exercise3__returns-none"],
    "sigmoid slope computed from the input (exercise 1)": ["exercise1__slope-from-input"],
    "math.exp on an array": ["exercise1__math-exp", "exercise3__math-exp"],
    # not classic, but named by the checker: without a file, relabelling them went unseen
    "sigmoid formula mistyped": ["exercise1__sigmoid-formula"],
    "slope formula mistyped": ["exercise1__slope-formula"],
}

BATCH_TIMEOUT = 900   # seconds for one batch of files; a wrong exercise-3 file needs a few


def grade_batch(files: list[str]) -> None:
    """In a batch process: `toynn check EXERCISE --file F --json` for each file, one JSON line each."""
    from toynn_tui.cli import main

    for file in files:
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            try:
                main(["check", exercise_of(Path(file)), "--file", file, "--json"], prog_name="toynn",
                     standalone_mode=False)
                code = "returned without an exit code"
            except SystemExit as exc:
                code = exc.code
        sys.stdout.write(json.dumps({"file": file, "code": code, "stdout": out.getvalue()}) + "\n")
        sys.stdout.flush()


def batches(files: list[Path], n: int) -> list[list[Path]]:
    """`files` dealt into n batches, the costly exercise-3 files spread first."""
    ordered = sorted(files, key=lambda p: (exercise_of(p) != "exercise3", exercise_of(p) != "exercise2", p.name))
    return [b for b in (ordered[i::n] for i in range(n)) if b]


@pytest.fixture(scope="module")
def verdicts() -> dict[str, tuple[int, dict]]:
    """stem -> (exit code, JSON) of `toynn check --json` for every wrong file."""
    n = max(2, min(os.cpu_count() or 2, 4))
    procs = [subprocess.Popen([sys.executable, __file__, *map(str, batch)], cwd=WRONG, text=True,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE)
             for batch in batches(FILES, n)]
    found = {}
    try:
        for proc in procs:
            out, err = proc.communicate(timeout=BATCH_TIMEOUT)
            assert proc.returncode == 0 and "Traceback" not in err, err
            for line in out.splitlines():
                entry = json.loads(line)
                found[Path(entry["file"]).stem] = (entry["code"], json.loads(entry["stdout"]))
    finally:
        for proc in procs:
            if proc.poll() is None:
                proc.kill()
                proc.wait()
    assert sorted(found) == [p.stem for p in FILES]
    return found


@pytest.mark.parametrize("path", FILES, ids=[p.stem for p in FILES])
def test_each_wrong_file_fails_and_is_named_by_its_mistake(verdicts, path):
    from toynn_tui.checker.mistakes import MISTAKES

    expected = mistake_of(path)
    code, data = verdicts[path.stem]
    assert data["status"] == "fail", data   # never a pass, and not "could not be graded" either
    assert code == 1
    assert data["version"] == 3 and data["toynn"]["exercise"] == exercise_of(path)
    assert data["toynn"]["passed"] < data["toynn"]["total"]
    found = data["toynn"]["diagnoses"]
    assert expected in found, found
    assert set(found) <= {expected} | ALSO_SEEN.get(path.stem, set()), found
    # the first failing check that names it says so in words, with the mistake's title; toynn's
    # per-test extras (diagnosis, hint) are in the toynn block, the tests hold Exercism's keys only
    assert not any({"diagnosis", "hint"} & set(t) for t in data["tests"]), data["tests"]
    named = [(t, x) for t, x in zip(data["tests"], data["toynn"]["tests"]) if x["diagnosis"] == expected]
    assert named[0][0]["status"] == "fail"
    assert f"Likely mistake: {MISTAKES[expected].title}." in named[0][0]["message"]
    assert named[0][1]["hint"] == MISTAKES[expected].hint


GENERIC_HINTS = ("Use the X, y, iterations and seed you are given", "Compare each line of your loop",
                 "A net that does not learn usually")


@pytest.mark.parametrize("path", [p for p in FILES if exercise_of(p) != "exercise1"],
                         ids=[p.stem for p in FILES if exercise_of(p) != "exercise1"])
def test_a_check_failing_after_an_earlier_one_says_it_follows_from_it(verdicts, path):
    """After the first failure, a check that names no mistake of its own points back at that
    failure instead of giving generic advice (the file does use the seed it is given)."""
    _, data = verdicts[path.stem]
    results = list(zip(data["tests"], data["toynn"]["tests"]))
    first = next(i for i, (t, _) in enumerate(results) if t["status"] != "pass")
    for t, extra in results[first + 1:]:
        if t["status"] == "pass" or extra["diagnosis"]:
            continue
        assert extra["hint"] and extra["hint"].startswith("This likely follows from the failure above"), (t, extra)
        assert not any(g in t["message"] for g in GENERIC_HINTS), t["message"]


def test_the_starting_weights_headline_agrees_with_the_diagnosis(verdicts):
    """One iteration too many returns updated weights for iterations=0, a hair past -1: the
    headline says they were updated (the diagnosis), not that the draw's range is wrong."""
    for stem in ("exercise2__one-iteration-too-many", "exercise3__one-iteration-too-many"):
        start = verdicts[stem][1]["tests"][0]
        headline = start["message"].splitlines()[0]
        assert start["status"] == "fail" and "already been updated" in headline, headline
        assert "[-1, 1)" not in headline and "range" not in headline, headline
    headline = verdicts["exercise3__wrong-range"][1]["tests"][0]["message"].splitlines()[0]
    assert "[-1, 1)" in headline   # where the range is the mistake, the headline says so


def test_every_required_mistake_is_diagnosed_end_to_end(verdicts):
    for what, stems in REQUIRED_MISTAKES.items():
        for stem in stems:
            assert stem in verdicts, f"no wrong file for {what!r}: {stem}"
            assert mistake_of(Path(stem)) in verdicts[stem][1]["toynn"]["diagnoses"], (what, stem)


def the_line(path: Path, text: str) -> str:
    """`file.py:N: the line` for the learner's line holding `text`, as the report cites it."""
    for number, line in enumerate(path.read_text().splitlines(), start=1):
        if text in line:
            return f"{path.name}:{number}: {line.strip()}"
    raise AssertionError(f"{text!r} not in {path.name}")


def human(toynn, stem: str) -> str:
    path = WRONG / f"{stem}.py"
    proc = toynn("check", exercise_of(path), "--file", str(path), cwd=WRONG)
    assert proc.returncode == 1
    assert "Traceback" not in proc.stdout + proc.stderr
    assert proc.stdout.strip().splitlines()[-1].endswith(" checks pass.")   # "N of M", not "All M"
    assert not proc.stdout.strip().splitlines()[-1].startswith("All ")
    return proc.stdout


def test_human_report_of_a_wrong_update_names_it_and_shows_expected_vs_yours(toynn):
    out = human(toynn, "exercise3__slope-missing")
    lines = out.splitlines()
    assert "likely mistake: slope missing from the delta — Your delta is just the error" in out
    at = next(i for i, ln in enumerate(lines) if "likely mistake:" in ln)
    assert lines[at - 1].startswith("  ✗ one update from your own starting parameters — ")
    path = WRONG / "exercise3__slope-missing.py"
    # the lines the mistake is about, read from the learner's file, then the arrays
    assert lines[at + 1:at + 3] == [f"      at {the_line(path, 'l2_delta = ')} — slope missing from the delta",
                                    f"      at {the_line(path, 'l1_delta = ')} — slope missing from the delta"]
    # the first wrong quantity, at its line, expected above yours
    assert lines[at + 3].strip() == f"l2_delta (update 1, your line {the_line(path, 'l2_delta = ').split(':')[1]}), expected:"
    assert "l2_delta (update 1, your line" in out and "), yours:" in out
    assert "hint: A layer's delta is its error times nonlin(layer, deriv=True)." in out
    # the later failures come from the same lines: named again, but not explained again
    assert out.count("likely mistake: slope missing from the delta — ") == 1
    assert out.count("likely mistake:") == 1 + out.count("likely mistake: slope missing from the delta (as above)")
    assert "(fix the first failure first" in out
    assert out.strip().endswith("2 of 6 checks pass.")


def test_human_report_of_an_exception_shows_the_learners_own_lines(toynn):
    path = WRONG / "exercise3__math-exp.py"
    out = human(toynn, path.stem)
    assert "raised TypeError" in out
    assert "likely mistake: math.exp used on an array" in out
    assert f"at {the_line(path, 'l1 = nonlin(')}" in out              # the call in train...
    assert f"at {the_line(path, 'math.exp(-x)')}" in out              # ...and the line that failed
    assert out.count("likely mistake:") == 1


def test_human_report_of_exercise1_shows_input_expected_and_yours(toynn):
    out = human(toynn, "exercise1__slope-from-input")
    assert "✗ the slope, computed from a sigmoid output — nonlin(x, deriv=True)" in out
    assert "likely mistake: slope computed from the input, not the output" in out
    for label in ("x:", "nonlin(x, deriv=True), expected:", "nonlin(x, deriv=True), yours:"):
        assert f"      {label}" in out.splitlines()
    assert out.strip().endswith("2 of 3 checks pass.")


def test_human_report_explains_a_mistake_seen_by_several_checks_once(toynn):
    out = human(toynn, "exercise2__one-iteration-too-many")
    assert out.count("Your weights are what one more update than asked would give.") == 1
    assert out.count("hint:") == 1
    assert out.count("likely mistake: one iteration too many (as above)") == 2


def test_human_report_does_not_explain_the_overflow_a_wrong_slope_leads_to(toynn):
    out = human(toynn, "exercise2__slope-of-pre-sigmoid")
    assert "likely mistake: slope taken before the sigmoid" in out
    assert "contains NaN or infinity" in out             # the later checks' one-line reasons stay
    assert "likely mistake: NaN or infinity" not in out   # but the first failure is the one to fix
    assert "(fix the first failure first" in out


def test_runs_the_diagnosis_remembers_are_the_engines_own():
    """diagnose_run goes on from remembered weights (runs.trained): the numbers must not change."""
    import numpy as np

    from toynn_tui import engine
    from toynn_tui.checker import runs

    X, y = engine.X.astype(float), engine.Y_PART2.astype(float)
    for iterations in (0, 1, 201, 200, 199, 1000):   # longer, shorter, then longer again
        remembered = runs.trained(3, X, y, 7, iterations)
        assert all(np.array_equal(r, w) for r, w in zip(remembered, engine.train(X, y, 3, iterations, 7)))


if __name__ == "__main__":   # a batch process of the `verdicts` fixture
    grade_batch(sys.argv[1:])
