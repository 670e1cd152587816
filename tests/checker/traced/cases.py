"""Wrong files for the line-by-line trace, made from the reference solutions by edits.

Each case: the exercise, a list of (old line, new line(s)) edits of the solution,
and the findings the trace must report, in loop order: (code of the line,
mistake id or None). Single mistakes, then two at once; the `renamed` ones
first rename every local, so only values can tell the lines apart.
"""
from __future__ import annotations

L1 = "l1 = nonlin(np.dot(l0, syn0))"
L2 = "l2 = nonlin(np.dot(l1, syn1))"
E2 = "l2_error = y - l2"
D2 = "l2_delta = l2_error * nonlin(l2, deriv=True)"
E1 = "l1_error = l2_delta.dot(syn1.T)"
D1 = "l1_delta = l1_error * nonlin(l1, deriv=True)"
U1 = "syn1 += l1.T.dot(l2_delta)"
U0 = "syn0 += l0.T.dot(l1_delta)"
LOOP = "for _ in range(iterations):"
# exercise 2 (the 2-layer net)
A1 = "l1 = nonlin(np.dot(l0, syn0))"
AE = "l1_error = y - l1"
AD = "l1_delta = l1_error * nonlin(l1, True)"
AU = "syn0 += np.dot(l0.T, l1_delta)"

SINGLE3 = {
    "slope-missing-l2": ([(D2, "l2_delta = l2_error")], [("l2_delta = l2_error", "slope-missing")]),
    "slope-missing-l1": ([(D1, "l1_delta = l1_error")], [("l1_delta = l1_error", "slope-missing")]),
    "hidden-sigmoid-missing": ([(L1, "l1 = np.dot(l0, syn0)")], [("l1 = np.dot(l0, syn0)", "hidden-sigmoid-missing")]),
    "error-not-delta": ([(E1, "l1_error = l2_error.dot(syn1.T)")],
                        [("l1_error = l2_error.dot(syn1.T)", "error-not-delta")]),
    "hidden-error-from-y": ([(E1, "l1_error = y - l1")], [("l1_error = y - l1", "hidden-error-from-y")]),
    "slope-of-wrong-layer": ([(D1, "l1_delta = l1_error * nonlin(l2, deriv=True)")],
                             [("l1_delta = l1_error * nonlin(l2, deriv=True)", "slope-of-wrong-layer")]),
    "slope-from-input": ([(D2, "l2_delta = l2_error * nonlin(nonlin(l2), deriv=True)")],
                         [("l2_delta = l2_error * nonlin(nonlin(l2), deriv=True)", "slope-from-input")]),
    "slope-of-pre-sigmoid": ([(L2, "z2 = np.dot(l1, syn1)\nl2 = nonlin(z2)"),
                              (D2, "l2_delta = l2_error * nonlin(z2, deriv=True)")],
                             [("l2_delta = l2_error * nonlin(z2, deriv=True)", "slope-of-pre-sigmoid")]),
    "scaled-syn1": ([(U1, "syn1 += 0.5 * l1.T.dot(l2_delta)")], [("syn1 += 0.5 * l1.T.dot(l2_delta)", "scaled-update")]),
    "averaged-syn0": ([(U0, "syn0 += l0.T.dot(l1_delta) / len(X)")],
                      [("syn0 += l0.T.dot(l1_delta) / len(X)", "scaled-update")]),
    "wrong-sign-syn0": ([(U0, "syn0 -= l0.T.dot(l1_delta)")], [("syn0 -= l0.T.dot(l1_delta)", "wrong-sign")]),
    "wrong-sign-syn1": ([(U1, "syn1 -= l1.T.dot(l2_delta)")], [("syn1 -= l1.T.dot(l2_delta)", "wrong-sign")]),
    # both updates then go uphill: one mistake, on the one line to change
    "error-flipped": ([(E2, "l2_error = l2 - y")], [("l2_error = l2 - y", "wrong-sign")]),
    # the moved update in its new place, and the line it spoils
    "syn1-updated-first": ([(U1, "pass"), (E1, U1 + "\n" + E1)],
                           [(U1, "syn1-updated-first"), (E1, "syn1-updated-first")]),
    "one-too-many": ([(LOOP, "for _ in range(iterations + 1):")],
                     [("for _ in range(iterations + 1):", "one-iteration-too-many")]),
    "one-too-few": ([(LOOP, "for _ in range(iterations - 1):")],
                    [("for _ in range(iterations - 1):", "one-iteration-too-few")]),
    "ignores-iterations": ([(LOOP, "for _ in range(60000):")], [("for _ in range(60000):", "ignores-iterations")]),
    "second-layer-frozen": ([(U1, "pass")], [("no line of the loop updates syn1", "second-layer-frozen")]),
    "first-layer-frozen": ([(U0, "pass")], [("no line of the loop updates syn0", "first-layer-frozen")]),
    "returned-swapped": ([("return syn0, syn1", "return syn1, syn0")], [("return syn1, syn0", "wrong-shape")]),
    "split-lines-slope-missing": ([(L1, "h = np.dot(l0, syn0)\nl1 = nonlin(h)"), (D2, "s2 = nonlin(l2, deriv=True)\nl2_delta = l2_error")],
                                  [("l2_delta = l2_error", "slope-missing")]),
    "merged-update-wrong-sign": ([(U0, "syn0 = syn0 - np.dot(l0.T, l1_delta)")],
                                 [("syn0 = syn0 - np.dot(l0.T, l1_delta)", "wrong-sign")]),
}

DOUBLE3 = {
    "slope-missing+scaled": ([(D2, "l2_delta = l2_error"), (U1, "syn1 += 0.5 * l1.T.dot(l2_delta)")],
                             [("l2_delta = l2_error", "slope-missing"), ("syn1 += 0.5 * l1.T.dot(l2_delta)", "scaled-update")]),
    "error-not-delta+wrong-sign": ([(E1, "l1_error = l2_error.dot(syn1.T)"), (U0, "syn0 -= l0.T.dot(l1_delta)")],
                                   [("l1_error = l2_error.dot(syn1.T)", "error-not-delta"),
                                    ("syn0 -= l0.T.dot(l1_delta)", "wrong-sign")]),
    "both-slopes-missing": ([(D2, "l2_delta = l2_error"), (D1, "l1_delta = l1_error")],
                            [("l2_delta = l2_error", "slope-missing"), ("l1_delta = l1_error", "slope-missing")]),
    "sigmoid-missing+slope-missing": ([(L1, "l1 = np.dot(l0, syn0)"), (D2, "l2_delta = l2_error")],
                                      [("l1 = np.dot(l0, syn0)", "hidden-sigmoid-missing"),
                                       ("l2_delta = l2_error", "slope-missing")]),
    "hidden-from-y+averaged": ([(E1, "l1_error = y - l1"), (U1, "syn1 += l1.T.dot(l2_delta) / 4")],
                               [("l1_error = y - l1", "hidden-error-from-y"),
                                ("syn1 += l1.T.dot(l2_delta) / 4", "scaled-update")]),
    "wrong-layer-slope+sign": ([(D1, "l1_delta = l1_error * nonlin(l2, deriv=True)"), (U1, "syn1 -= l1.T.dot(l2_delta)")],
                               [("l1_delta = l1_error * nonlin(l2, deriv=True)", "slope-of-wrong-layer"),
                                ("syn1 -= l1.T.dot(l2_delta)", "wrong-sign")]),
    "off-by-one+error-not-delta": ([(LOOP, "for _ in range(iterations + 1):"), (E1, "l1_error = l2_error.dot(syn1.T)")],
                                   [("for _ in range(iterations + 1):", "one-iteration-too-many"),
                                    ("l1_error = l2_error.dot(syn1.T)", "error-not-delta")]),
}

SINGLE2 = {
    "ex2-slope-missing": ([(AD, "l1_delta = l1_error")], [("l1_delta = l1_error", "slope-missing")]),
    "ex2-wrong-sign": ([(AU, "syn0 -= np.dot(l0.T, l1_delta)")], [("syn0 -= np.dot(l0.T, l1_delta)", "wrong-sign")]),
    "ex2-scaled": ([(AU, "syn0 += 0.1 * np.dot(l0.T, l1_delta)")], [("syn0 += 0.1 * np.dot(l0.T, l1_delta)", "scaled-update")]),
    "ex2-frozen": ([(AU, "pass")], [("no line of the loop updates syn0", "no-update")]),
    "ex2-slope-from-input": ([(AD, "l1_delta = l1_error * nonlin(nonlin(l1), True)")],
                             [("l1_delta = l1_error * nonlin(nonlin(l1), True)", "slope-from-input")]),
}

DOUBLE2 = {
    "ex2-slope-missing+scaled": ([(AD, "l1_delta = l1_error"), (AU, "syn0 += 0.5 * np.dot(l0.T, l1_delta)")],
                                 [("l1_delta = l1_error", "slope-missing"),
                                  ("syn0 += 0.5 * np.dot(l0.T, l1_delta)", "scaled-update")]),
}


def cases():
    """(name, exercise, edits, expected findings) for every case."""
    for table, exercise in ((SINGLE3, "exercise3"), (DOUBLE3, "exercise3"), (SINGLE2, "exercise2"),
                            (DOUBLE2, "exercise2")):
        for name, (edits, expected) in table.items():
            yield name, exercise, edits, expected


def apply(source: str, edits) -> str:
    """The solution with each edit made once; a new line keeps the old one's indentation."""
    for old, new in edits:
        lines = source.split("\n")
        for i, line in enumerate(lines):
            if line.strip() == old.strip() or (("\n" in old) and old.split("\n")[0].strip() == line.strip()):
                indent = line[: len(line) - len(line.lstrip())]
                if "\n" in old:
                    first, second = old.split("\n")
                    assert lines[i + 1].strip() == second.strip(), (old, lines[i + 1])
                    lines[i: i + 2] = [indent + part.strip() for part in new.split("\n")]
                else:
                    lines[i: i + 1] = [indent + part.strip() for part in new.split("\n")]
                break
        else:
            raise AssertionError(f"edit target not found: {old!r}")
        source = "\n".join(lines)
    return source
