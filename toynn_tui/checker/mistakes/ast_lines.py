"""The learner's lines a mistake is on, found by parsing their source with `ast` (never by running it).

Two questions a regular expression cannot answer:
- `in_place_writes`: which statements of a function write into one of its
  parameters (`x *= (1 - x)`, `x[:] = ...`, `np.multiply(x, 1 - x, out=x)`), so
  a check that saw an argument change can show where;
- `deriv_branch`: which lines of nonlin compute the slope (inside `if deriv:`,
  or after an `if not deriv: return ...`), so a wrong slope points there and
  never at the sigmoid line beside it.
Both name a line only when the source really has such a statement: a wrong
line shown is worse than none. The source is hostile: a file nested deeper than
the parser (or our walk of it) can follow gets no line, never a RecursionError.
The source given is text as Python ran it (`files.source_text`); its lines are
numbered as Python numbers them.
"""
from __future__ import annotations

import ast
import functools

from toynn_tui.checker.files import source_lines

# methods and numpy functions that write into the array they are given (first argument)
_WRITING_METHODS = frozenset({"fill", "sort", "resize", "put", "itemset", "partition"})
_WRITING_FUNCTIONS = frozenset({"copyto", "put", "place", "putmask"})
_SIGMOID_CALLS = frozenset({"exp", "expit"})   # np.exp, math.exp, scipy's expit: the sigmoid applied


def _never_too_deep(empty):
    """Decorate a public reader: `empty` instead of the RecursionError of a file nested past what
    the parser or a walk of its tree can follow (it compiled in a shallower stack than ours)."""
    def wrap(reader):
        @functools.wraps(reader)
        def guarded(*args, **kwargs):
            try:
                return reader(*args, **kwargs)
            except (RecursionError, MemoryError):
                return empty
        return guarded
    return wrap


def function(source: str, name: str) -> ast.FunctionDef | None:
    """The top-level `def name` (the last one: a later def replaces an earlier), or None."""
    try:
        tree = ast.parse(source)
    except (SyntaxError, ValueError, RecursionError, MemoryError):   # not Python, or nested past the parser
        return None
    found = [n for n in tree.body if isinstance(n, ast.FunctionDef) and n.name == name]
    return found[-1] if found else None


@_never_too_deep(None)
def parameters(source: str, name: str) -> list[str] | None:
    """The positional parameter names of top-level `def name`, in order, or None when there is none."""
    fn = function(source, name)
    if fn is None:
        return None
    return [a.arg for a in fn.args.posonlyargs + fn.args.args]


def _statements(body: list[ast.stmt]):
    """Every statement of a function body, nested blocks included, nested defs and classes not (their names
    are their own)."""
    for stmt in body:
        yield stmt
        if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            continue
        for field in ("body", "orelse", "finalbody", "handlers"):
            yield from _statements([s for s in getattr(stmt, field, []) if isinstance(s, (ast.stmt, ast.excepthandler))])


def _root(node: ast.AST) -> str | None:
    """`x` for x, x[...], x.attr[...]: the name whose array a target writes into."""
    while isinstance(node, (ast.Subscript, ast.Attribute, ast.Starred)):
        node = node.value
    return node.id if isinstance(node, ast.Name) else None


def _targets(stmt: ast.stmt) -> list[ast.expr]:
    if isinstance(stmt, ast.Assign):
        return [t for target in stmt.targets for t in (target.elts if isinstance(target, ast.Tuple) else [target])]
    if isinstance(stmt, (ast.AugAssign, ast.AnnAssign)):
        return [stmt.target]
    return []


def _rebinds(stmt: ast.stmt, name: str) -> bool:
    """`name = ...` (or a for/with over it): afterwards the name is no longer the caller's array."""
    if isinstance(stmt, ast.AugAssign):
        return False   # x *= ... writes into x's array
    if isinstance(stmt, (ast.For, ast.With)):
        bound = [stmt.target] if isinstance(stmt, ast.For) else [i.optional_vars for i in stmt.items]
        return any(isinstance(n, ast.Name) and n.id == name for b in bound if b is not None for n in ast.walk(b))
    return any(isinstance(t, ast.Name) and t.id == name for t in _targets(stmt))


def _writes(stmt: ast.stmt, name: str) -> bool:
    """The statement itself writes into the array `name` holds."""
    for target in _targets(stmt):
        if _root(target) == name and (isinstance(stmt, ast.AugAssign) or not isinstance(target, ast.Name)):
            return True
    if not isinstance(stmt, (ast.Expr, ast.Assign, ast.AugAssign, ast.AnnAssign, ast.Return)):
        return False
    for call in (n for n in ast.walk(stmt) if isinstance(n, ast.Call)):
        for kw in call.keywords:
            outs = kw.value.elts if isinstance(kw.value, ast.Tuple) else [kw.value]
            if kw.arg == "out" and any(isinstance(o, ast.Name) and o.id == name for o in outs):
                return True
        func = call.func
        if isinstance(func, ast.Attribute) and func.attr in _WRITING_METHODS and _root(func.value) == name:
            return True
        if (isinstance(func, ast.Attribute) and func.attr in _WRITING_FUNCTIONS and call.args
                and isinstance(call.args[0], ast.Name) and call.args[0].id == name):
            return True
    return False


@_never_too_deep([])
def in_place_writes(source: str, function_name: str, params: list[str]) -> list[tuple[int, str]]:
    """(line, code) of each statement of `function_name` that writes into one of its parameters `params`,
    before any line rebinds that parameter to another array."""
    fn = function(source, function_name)
    if fn is None:
        return []
    text = source_lines(source)
    found = []
    for name in params:
        rebound = min((s.lineno for s in _statements(fn.body) if _rebinds(s, name)), default=None)
        for stmt in _statements(fn.body):
            if _writes(stmt, name) and (rebound is None or stmt.lineno < rebound):
                found.append(stmt.lineno)
    return [(n, _code(text, n)) for n in sorted(set(found))]


@_never_too_deep([])
def deriv_branch(source: str) -> list[tuple[int, str]]:
    """(line, code) of the statements of nonlin's deriv branch that compute what it returns, when they
    apply the sigmoid again (np.exp, or nonlin itself), as the slope-from-input mistake does; [] when no
    deriv branch is found or it does not. The sigmoid's own line outside the branch is never named."""
    fn = function(source, "nonlin")
    if fn is None:
        return []
    names = [a.arg for a in fn.args.posonlyargs + fn.args.args + fn.args.kwonlyargs]
    deriv = "deriv" if "deriv" in names else (names[1] if len(names) > 1 else None)
    branch = _branch(fn.body, deriv) if deriv else None
    if not branch:
        return []
    statements, values = branch
    computing = _feeding(statements, values)
    if not computing or not _sigmoid_again(fn, computing, values, min(s.lineno for s in statements)):
        return []
    text = source_lines(source)
    return [(n, _code(text, n)) for n in sorted({s.lineno for s in computing})]


def _polarity(test: ast.expr, deriv: str) -> bool | None:
    """True when `test` holds for deriv=True (`deriv`, `deriv == True`), False when it holds for
    deriv=False (`not deriv`, `deriv is False`), None when it is not a test of deriv alone."""
    flipped = False
    # a loop, not a recursion: `not not ... not deriv` compiles nested a thousand deep
    while isinstance(test, ast.UnaryOp) and isinstance(test.op, ast.Not):
        flipped, test = not flipped, test.operand
    side = _plain_polarity(test, deriv)
    return None if side is None else side != flipped


def _plain_polarity(test: ast.expr, deriv: str) -> bool | None:
    """_polarity of a test that is not a `not`."""
    if isinstance(test, ast.Name):
        return True if test.id == deriv else None
    if (isinstance(test, ast.Compare) and len(test.ops) == 1 and isinstance(test.left, ast.Name)
            and test.left.id == deriv and isinstance(test.comparators[0], ast.Constant)):
        truthy = bool(test.comparators[0].value)
        if isinstance(test.ops[0], (ast.Eq, ast.Is)):
            return truthy
        if isinstance(test.ops[0], (ast.NotEq, ast.IsNot)):
            return not truthy
    return None


def _branch(body: list[ast.stmt], deriv: str):
    """(statements, returned expressions) of the deriv branch in `body`, or None: the body of `if deriv:`,
    the else of `if not deriv:` or the statements after it when it returns, or the deriv side of a
    `return ... if deriv else ...`."""
    for i, stmt in enumerate(body):
        if isinstance(stmt, ast.Return) and isinstance(stmt.value, ast.IfExp):
            side = _polarity(stmt.value.test, deriv)
            if side is not None:
                return [stmt], [stmt.value.body if side else stmt.value.orelse]
        if isinstance(stmt, ast.If):
            side = _polarity(stmt.test, deriv)
            chosen = stmt.body if side else (stmt.orelse or (body[i + 1:] if _returns(stmt.body) else []))
            if side is not None and chosen:
                return chosen, [r.value for s in chosen for r in _statements([s])
                                if isinstance(r, ast.Return) and r.value is not None]
        for field in ("body", "orelse"):
            inner = getattr(stmt, field, None)
            if isinstance(inner, list) and inner and not isinstance(stmt, (ast.FunctionDef, ast.ClassDef)):
                found = _branch(inner, deriv)
                if found:
                    return found
    return None


def _returns(body: list[ast.stmt]) -> bool:
    return bool(body) and isinstance(body[-1], (ast.Return, ast.Raise))


def _used(nodes) -> set[str]:
    return {n.id for node in nodes for n in ast.walk(node) if isinstance(n, ast.Name)}


def _feeding(statements: list[ast.stmt], values: list[ast.expr]) -> list[ast.stmt]:
    """The branch's statements that compute what it returns: its returns and the assignments they read
    (every assignment of the branch when it returns nothing itself: the value is returned after it)."""
    flat = [s for s in _statements(statements) if isinstance(s, (ast.Return, ast.Assign, ast.AugAssign, ast.AnnAssign))]
    if not values:
        return [s for s in flat if not isinstance(s, ast.Return)]
    chosen = [s for s in flat if isinstance(s, ast.Return)]
    wanted = _used(values)
    grew = True
    while grew:
        grew = False
        for s in flat:
            if s not in chosen and any(_root(t) in wanted for t in _targets(s)):
                chosen.append(s)
                wanted |= _used([s.value]) if s.value is not None else set()
                grew = True
    return chosen


def _sigmoid_again(fn: ast.FunctionDef, computing: list[ast.stmt], values: list[ast.expr], start: int) -> bool:
    """The branch's value goes through the sigmoid: an exp (or a call of nonlin) in its own lines, or in
    an assignment before the branch of a name they read (s = 1 / (1 + np.exp(-x)) shared by both)."""
    # a return's own value only through `values`: `return x * (1 - x) if deriv else s` reads s on the other side
    nodes = [s.value for s in computing if not isinstance(s, ast.Return) and s.value is not None] + values
    if _calls_sigmoid(nodes):
        return True
    defined = {t.id for s in computing for t in _targets(s) if isinstance(t, ast.Name)}
    before = [s for s in _statements(fn.body) if s.lineno < start and isinstance(s, (ast.Assign, ast.AnnAssign))]
    read = _used(nodes) - defined
    return any(s.value is not None and _calls_sigmoid([s.value]) for s in before
               if any(isinstance(t, ast.Name) and t.id in read for t in _targets(s)))


def _calls_sigmoid(nodes) -> bool:
    for node in nodes:
        for call in (n for n in ast.walk(node) if isinstance(n, ast.Call)):
            name = call.func.attr if isinstance(call.func, ast.Attribute) else getattr(call.func, "id", None)
            if name in _SIGMOID_CALLS or name == "nonlin":
                return True
    return False


def _code(text: list[str], number: int) -> str:
    return text[number - 1].split("#", 1)[0].strip() if 0 < number <= len(text) else ""
