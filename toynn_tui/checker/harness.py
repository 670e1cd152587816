"""What the grading tests share: the failure they raise, and trusted comparisons.

A grading test fails by raising `CheckFailed`, which carries everything the
report shows: a one-line reason, the diagnosed mistake (from `mistakes`), a
hint, the learner's own source lines, and the first wrong array as expected
vs got. The report is built from these objects, never from pytest's text.

Every expected value here comes from `toynn_tui.engine`; the learner's values
are the arrays the child process returned (see `sandbox`).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from toynn_tui.checker import mistakes, wording
from toynn_tui.checker.compare import close
from toynn_tui.checker.job import Job
from toynn_tui.checker.mistakes import ast_lines
from toynn_tui.checker.mistakes.catalogue import changed_in_place, joined
from toynn_tui.checker.mistakes.lines import MAX_LINES
from toynn_tui.checker.sandbox import CallResult, ChildRun
from toynn_tui.i18n import _


class CheckFailed(AssertionError):
    """A check's verdict: what is wrong, and what to do about it."""

    def __init__(self, reason: str, *, mistake: mistakes.Mistake | None = None, hint: str = "",
                 where: list[str] | None = None, detail: str = "", error: bool = False,
                 findings: list | None = None):
        super().__init__(reason)
        self.reason = reason
        self.mistake = mistake
        self.hint = hint or (mistake.hint if mistake else "")
        self.where = where or []
        self.detail = detail
        self.error = error   # True: the file could not be graded at all (it did not load)
        # the traced lines (trace.Finding), when the trace ran: then `where` is exact, never guessed
        self.findings = findings


@dataclass
class Results:
    """The child's run, with the plan's call names, as the grading tests see it."""

    run: ChildRun
    names: list[str]
    file: Path
    source: str = ""   # the learner's file as graded (the rungs' checks point at its lines)
    # the job graded (its file, module, source and time limit): what a check runs again, traced or not
    job: Job | None = None
    calls: list = field(default_factory=list)   # the plan's calls (sandbox.Call) in `names` order: what each was given
    by_name: dict = field(init=False)
    # check name -> its verdict on these results (None: passed), kept so that a later check
    # wording its hint after an earlier failure does not run that check again (rungchecks.recorded)
    outcomes: dict = field(init=False, default_factory=dict)
    # call name -> the value trace's findings for it (rungexplain): one traced run serves every check
    traces: dict = field(init=False, default_factory=dict)

    def __post_init__(self) -> None:
        self.by_name = dict(zip(self.names, self.run.calls))

    def call(self, name: str) -> CallResult:
        return self.by_name[name]

    def lazy(self, name: str, call, inputs: dict) -> CallResult:
        """The result of a call made only when a check needs it (a diagnosis of a wrong run): one more
        sandboxed child for this call alone, run once per job."""
        if name not in self.by_name:
            if self.job is None:
                raise RuntimeError(f"no job to run {name!r} on: these results were made without one")
            run = self.job.run(inputs, [call])
            self.by_name[name] = run.calls[0] if run.imported.status == "ok" else CallResult(
                "not-run", message=f"not reached: {run.ended}")
        return self.by_name[name]


def uses(*names: str):
    """Mark a grading test with the plan's calls it judges (none named: every call).

    The report shows those calls as the check's `test_code` (Exercism v3), so what a
    learner reads there is what the check really called, not a description of it.
    """
    def mark(fn):
        fn.uses = names
        return fn
    return mark


def calls_code(plan: tuple, names: tuple[str, ...], setup: dict[str, str] | None = None) -> str:
    """The calls `names` of `plan` (inputs, names, calls) as Python lines, after the
    set-up lines (`setup`: input name -> expression) of any input they use that a
    learner does not have in their file (X and y they do)."""
    _, plan_names, calls = plan
    chosen = [c for n, c in zip(plan_names, calls) if not names or n in names]
    setup = setup or {}
    given = [a for c in chosen for a in c.args if a in setup]
    lines = [f"{a} = {setup[a]}" for a in dict.fromkeys(given)]
    for c in chosen:
        args = list(c.args) + [f"{k}={v!r}" for k, v in c.kwargs.items()]
        lines.append(f"{c.func}({', '.join(args)})")
    return "\n".join(lines)


def where_lines(file: Path, error: dict | None) -> list[str]:
    """`exercise3.py:17: l1 = nonlin(...)` for the learner's frames of a traceback, innermost last."""
    if not error:
        return []
    return [f"{file.name}:{line}: {text}" for line, text in error.get("frames") or []]


def ensure_loaded(res: Results) -> None:
    """Fail (as an error: nothing can be graded) when the file did not even import."""
    imp = res.run.imported
    if imp.status == "ok":
        return
    if imp.status == "exception":
        err = imp.error or {}
        if err.get("type") == "SyntaxError":
            reason = _("the file does not parse: {message}").format(message=err.get('message'))
        else:
            reason = _("loading the file failed with {type}: {message}").format(
                type=err.get('type'), message=wording.exception(str(err.get('type')), str(err.get('message'))))
        mistake = mistakes.diagnose_exception(str(err.get("type") or ""), str(err.get("message") or ""))
        raise CheckFailed(reason, where=where_lines(res.file, err), error=True, mistake=mistake,
                          hint="" if mistake else _("Run the file with python yourself to see the whole error."))
    raise CheckFailed(_("loading the file never finished: {why}").format(why=wording.ended(res.run.ended)), error=True,
                      hint=_("Code at the top level of the file runs when it is loaded; keep the work inside functions."))


def got(res: Results, name: str, count: int, what: str) -> list[np.ndarray]:
    """The arrays call `name` returned, or a CheckFailed that says why there are none."""
    ensure_loaded(res)
    c = res.call(name)
    where = where_lines(res.file, c.error)
    if c.status == "exception":
        err = c.error or {}
        mistake = mistakes.diagnose_exception(err.get("type", ""), err.get("message", ""))
        if mistake is not None and mistake.id == "not-written-yet":
            raise CheckFailed(_("{what}: not written yet").format(what=what), mistake=mistake, where=where)
        message = wording.exception(str(err.get('type')), str(err.get('message')))
        raise CheckFailed(_("{what} raised {type}: {message}").format(what=what, type=err.get('type'), message=message),
                          mistake=mistake, where=where)
    if c.status == "bad-return":
        if "None" in c.message:
            mistake = mistakes.get("returns-none")
        elif "values, not" in c.message or "not a tuple" in c.message:   # the count is wrong (child.to_arrays)
            mistake = mistakes.get("wrong-shape")
        else:
            mistake = None
        raise CheckFailed(_("{what} {returned}").format(what=what, returned=wording.child(c.message)), mistake=mistake)
    if c.status != "ok":
        raise CheckFailed(_("{what}: {why}").format(what=what, why=wording.child(c.message)))
    if len(c.arrays) != count:
        raise CheckFailed(_("{what} returned {n} arrays, expected {count}").format(what=what, n=len(c.arrays), count=count),
                          mistake=mistakes.get("wrong-shape"))
    return c.arrays


def compact(arr: np.ndarray, indent: str = "  ") -> str:
    text = np.array2string(np.asarray(arr), precision=6, max_line_width=90, separator=" ")
    return indent + text.replace("\n", "\n" + indent)


def pair(name: str, expected: np.ndarray, actual: np.ndarray) -> str:
    """Expected above got, each array aligned under its label."""
    return _("{name}, expected:\n{expected}\n{name}, yours:\n{yours}").format(
        name=name, expected=compact(expected), yours=compact(actual))


def first_difference(expected: list[np.ndarray], actual: list[np.ndarray], names=None) -> str:
    """Expected vs got for the first array that differs, or ''."""
    names = names or [_("array {i}").format(i=i) for i in range(len(expected))]
    for name, e, a in zip(names, expected, actual):
        if e.shape != a.shape:
            return _("{name}: expected shape {expected}, got {got}").format(name=name, expected=e.shape, got=a.shape)
        if not close(e, a):
            return pair(name, e, a)
    return ""


def mutated_inputs(res: Results) -> list[str]:
    """Which of the inputs (X, y, x ...) any call changed in place."""
    found = []
    for c in res.run.calls:
        for m in c.mutated:
            if m not in found:
                found.append(m)
    return found


def in_place_failure(res: Results, known_as: dict[str, str] | None = None, hint: str = "") -> CheckFailed | None:
    """The failure of a run whose calls changed an argument in place, or None when none did.

    Worded by function and parameter as the learner's file names them ("nonlin changed x in place"),
    or by the plan's input name through `known_as` when the file's def cannot be read; pointing at the
    lines that write into the parameter when the source has such a statement. `hint` may say {names}.
    """
    changed: dict[str, list[str]] = {}
    for call, result in zip(res.calls, res.run.calls):
        params = ast_lines.parameters(res.source, call.func) or []
        for name in (m for m in result.mutated if m in call.args):
            position = call.args.index(name)
            param = params[position] if position < len(params) else (known_as or {}).get(name, name)
            if param not in changed.setdefault(call.func, []):
                changed[call.func].append(param)
    changed = {fn: names for fn, names in changed.items() if names}
    if not changed:
        names = mutated_inputs(res)   # changed, but not by a call of the plan we were handed: say which input
        return CheckFailed(_("your code changed {names} in place").format(names=joined(names)), mistake=mistakes.get("mutates-inputs"),
                           hint=hint.format(names=joined(names))) if names else None
    where = [f"{res.file.name}:{number}: {code}" for fn, names in changed.items()
             for number, code in ast_lines.in_place_writes(res.source, fn, names)]
    names = joined(list(dict.fromkeys(n for ns in changed.values() for n in ns)))
    return CheckFailed(_("; ").join(_("{function} changed {names} in place").format(function=fn, names=joined(ns))
                                  for fn, ns in changed.items()),
                       mistake=changed_in_place(changed), where=where[:MAX_LINES], hint=hint.format(names=names))
