"""What one check said (`Verdict`), and reading it out of the checker's JSON answer.

The checker answers in Exercism's v3 JSON plus a "toynn" block (see
`toynn_tui.checker.report`); the per-test extras it keeps there
(`toynn.tests[i]`: diagnosis, hint) are merged back into each test here, so
every reader finds a check's name, status, message, diagnosis and hint in one
dict. A Verdict keeps only plain values, so it can be
compared, written into a gradebook and journalled. Anything that is not a
well-formed answer becomes an "error" verdict saying why: a checker that died,
or output a learner's process forged, must never read as a grade.
"""
from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path

from toynn_tui.i18n import _

# What a checker's answer may say; anything else is not an answer.
STATUSES = ("pass", "fail", "error")


@dataclass
class Verdict:
    """What one check said, in plain values (safe to keep, compare and write out)."""

    exercise: str
    file: str
    status: str                  # "pass" | "fail" | "error" (could not be graded)
    message: str = ""
    tests: list = field(default_factory=list)      # dicts: name, status, message, hint, diagnosis
    diagnoses: list = field(default_factory=list)  # mistake ids the checker named
    seconds: float = 0.0
    isolation: str = ""          # the wall the file ran behind: "bubblewrap" | "none"; "" when not said
    flags: list = field(default_factory=list)      # integrity flags: what the file reaches for (informative)
    ended: str = ""              # why the file's process ended early ("...the time limit of 30 s"); "" when not
    notes: list = field(default_factory=list)      # what of a notebook was not graded, and why (informative)

    @property
    def timed_out(self) -> bool:
        """The learner's file was stopped at the checker's time limit (wall clock or CPU)."""
        return "time limit" in self.ended

    @property
    def lines(self) -> list[str]:
        """The exact wrong lines the checker traced, "line 26: l2_delta = l2_error (slope missing ...)"."""
        out = []
        for t in self.tests:
            for f in t.get("lines") or []:
                if not isinstance(f, dict):
                    continue
                where = f"line {f['line']}: " if isinstance(f.get("line"), int) else ""
                if isinstance(f.get("where"), str):   # a notebook's: "cell 4, line 3"
                    where = f"{f['where']}: "
                text = f"{where}{f.get('code', '')} ({f.get('title', '')})"
                if text not in out:
                    out.append(text)
        return out

    @property
    def passed(self) -> int:
        return sum(1 for t in self.tests if t.get("status") == "pass")

    @property
    def total(self) -> int:
        return len(self.tests)

    @property
    def summary(self) -> str:
        """The count line the learner reads: "all 6 checks pass", "2 of 6 checks pass"."""
        if self.status == "pass":
            return _("the check passes") if self.total == 1 else _("all {n} checks pass").format(n=self.total)
        return _("{passed} of {total} checks pass").format(passed=self.passed, total=self.total)

    def to_dict(self) -> dict:
        d = asdict(self)
        d.update(passed=self.passed, total=self.total)
        return d

    @classmethod
    def from_dict(cls, d: dict) -> "Verdict":
        """The Verdict `to_dict` wrote (read back from a journal); ValueError when `d` is not one."""
        if not isinstance(d, dict) or d.get("status") not in STATUSES:
            raise ValueError(_("not a verdict"))
        tests = [t for t in d.get("tests") or [] if isinstance(t, dict)]
        try:
            return cls(str(d.get("exercise", "")), str(d.get("file", "")), d["status"], str(d.get("message") or ""),
                       tests, _strings(d.get("diagnoses")), float(d.get("seconds") or 0.0),
                       _text(d.get("isolation")), _strings(d.get("flags")), _text(d.get("ended")),
                       _strings(d.get("notes")))
        except (TypeError, ValueError) as exc:
            raise ValueError(_("not a verdict: {reason}").format(reason=exc)) from None


def parse(exercise: str, path: Path, returncode: int | None, out: bytes, err: bytes) -> Verdict:
    """Turn the checker's JSON (Exercism v3 + a "toynn" block) into a Verdict.

    `returncode` is the `toynn check` process's exit code, checked against the
    status it printed; None for a worker's answer (its request id vouches for it).
    """
    text = out.decode("utf-8", "replace").strip()
    try:
        data = json.loads(text) if text else None
    except ValueError:
        data = None
    return from_answer(exercise, path, data, returncode, out, err)


def from_answer(exercise: str, path: Path, data, returncode: int | None, out: bytes, err: bytes) -> Verdict:
    """`parse` once the JSON is read (`data`: whatever it held)."""
    if not isinstance(data, dict) or data.get("status") not in STATUSES:
        why = last_line(err) or last_line(out) or _("exit code {code}").format(code=returncode)
        if returncode is not None and returncode < 0:
            why = _("the checker was killed by signal {signal}").format(signal=-returncode)
        return Verdict(exercise, str(path), "error", _("could not be checked: {reason}").format(reason=why))
    if returncode is not None and returncode != (0 if data["status"] == "pass" else 1):
        # `toynn check` exits 0 exactly when it prints a pass. Anything else means the JSON is
        # not (only) the checker's: e.g. a learner's process wrote it into the checker's
        # stdout and killed the checker before it could answer.
        why = (_("the checker was killed by signal {signal}").format(signal=-returncode) if returncode < 0
               else _("the checker's answer and its exit code {code} disagree").format(code=returncode))
        return Verdict(exercise, str(path), "error", _("could not be checked: {reason}").format(reason=why))
    extra = data.get("toynn") if isinstance(data.get("toynn"), dict) else {}
    tests = _merged(data.get("tests"), extra.get("tests"))
    diagnoses = extra.get("diagnoses")
    if not isinstance(diagnoses, list):
        diagnoses = [t["diagnosis"] for t in tests if t.get("diagnosis")]
    diagnoses = list(dict.fromkeys(str(d) for d in diagnoses if d))  # unique, in order
    message = data.get("message") or next(
        (t.get("message") for t in tests if t.get("status") != "pass" and t.get("message")), "") or ""
    return Verdict(exercise, str(path), data["status"], str(message), tests, diagnoses,
                   isolation=_text(extra.get("isolation")), flags=_strings(extra.get("flags")),
                   ended=_text(extra.get("ended")), notes=_strings(extra.get("notes")))


def _merged(tests, extras) -> list[dict]:
    """The answer's tests (Exercism's keys), each with toynn's extras for it (diagnosis, hint) merged in.

    An extra never overrides an Exercism key; an older checker's tests that carry
    diagnosis and hint themselves are taken as they are.
    """
    tests = [dict(t) for t in tests or [] if isinstance(t, dict)] if isinstance(tests, list) else []
    extras = extras if isinstance(extras, list) else []
    for test, extra in zip(tests, extras):
        if isinstance(extra, dict):
            for key in ("diagnosis", "hint"):
                if key not in test and (extra.get(key) is None or isinstance(extra.get(key), str)):
                    test[key] = extra.get(key)
            if "lines" not in test and isinstance(extra.get("lines"), list):   # the traced wrong lines
                test["lines"] = [f for f in extra["lines"][:20] if isinstance(f, dict)]
    return tests


def _text(value) -> str:
    """A string from an answer; "" for anything else (e.g. no isolation named: an older checker)."""
    return value if isinstance(value, str) else ""


def _strings(value) -> list[str]:
    """A list of strings from an answer, unique and in order; [] for anything else (never a grade's reason to fail)."""
    if not isinstance(value, list):
        return []
    return list(dict.fromkeys(v for v in value if isinstance(v, str) and v))


def last_line(raw: bytes) -> str:
    lines = [ln.strip() for ln in raw.decode("utf-8", "replace").splitlines() if ln.strip()]
    return lines[-1][:300] if lines else ""
