"""Integrity flags: a static scan of a learner's file for things a numpy network never needs.

`scan(source)` reads the text with `ast` (falling back to `tokenize`, then a regex, when it
does not parse) and never runs it. Given the file's bytes (the graded snapshot), it reads
them as Python runs them (`files.source_text`: the encoding a coding line declares), so a
`# -*- coding: utf-7 -*-` file cannot hide `import os` in what UTF-8 would read as a comment.
It returns short, stable, sorted flag names: the module or builtin used ("os", "open",
"__import__"), "sys.<attr>" for the dangerous parts of sys, the attribute name for
introspection escapes ("__subclasses__", "f_globals"), "setattr" for patching an imported
module, and "too-large" / "unscannable" when the text cannot be read.
The source is hostile: the scan is bounded in size, iterative (no recursion of our own) and
never raises. A flag is a reason to look, not a proof: a static scan can always be dodged.
"""
from __future__ import annotations

import ast
import io
import re
import tokenize
import warnings

from toynn_tui.checker.files import NotSource, source_text

MAX_CHARS = 1_000_000   # a network is a few kB; beyond this the parse alone could be a denial of service

# Top-level module names: files, processes and signals, native code, import machinery,
# introspection, network, serialisation that runs code. time, math, random, sys are fine.
MODULES = frozenset({
    "io", "_io", "pathlib", "shutil", "glob", "tempfile", "fileinput", "mmap",
    "os", "posix", "nt", "subprocess", "_posixsubprocess", "signal", "multiprocessing",
    "threading", "_thread", "concurrent", "asyncio", "pty", "fcntl", "atexit",
    "ctypes", "_ctypes", "cffi",
    "importlib", "imp", "zipimport", "pkgutil", "runpy", "builtins", "code", "codeop",
    "gc", "inspect", "traceback",
    "socket", "ssl", "urllib", "http", "ftplib", "smtplib", "requests",
    "pickle", "_pickle", "marshal", "shelve", "dill", "cloudpickle",
})
# Builtins that read files, run strings as code or reach the module's namespace.
BUILTINS = frozenset({"open", "exec", "eval", "compile", "__import__", "globals", "vars",
                      "breakpoint", "__builtins__"})
# sys attributes that swap imports or look at frames; sys.exit and sys.argv are mistakes at worst.
SYS_ATTRS = frozenset({"meta_path", "path_hooks", "path_importer_cache", "path", "modules",
                       "_getframe", "_current_frames", "settrace", "setprofile", "addaudithook"})
SYS_GENERIC = frozenset({"path", "modules"})   # common words: flagged only on sys itself
# Attributes that climb from any object to classes, frames or globals (the classic escapes).
ESCAPE_ATTRS = frozenset({"__subclasses__", "__globals__", "__builtins__", "__code__",
                          "__bases__", "__mro__", "f_globals", "f_locals", "f_back",
                          "f_builtins", "tb_frame", "gi_frame", "cr_frame"})
PATCHERS = frozenset({"setattr", "delattr"})
NAME_RE = re.compile(r"[A-Za-z_][A-Za-z0-9_]*(?:\s*\.\s*[A-Za-z_][A-Za-z0-9_]*)?")


def scan(source: str | bytes) -> list[str]:
    """Sorted, unique integrity flags for `source` (text, or a file's bytes); [] for an honest
    network. Never raises."""
    try:
        if isinstance(source, bytes):
            source = _text(source)
        if not isinstance(source, str):
            return ["unscannable"]
        if len(source) > MAX_CHARS:
            return ["too-large"]
        try:
            with warnings.catch_warnings():   # SyntaxWarnings of the learner's escapes are not ours to print
                warnings.simplefilter("ignore")
                tree = ast.parse(source)
            flags = _from_tree(tree)
        except (SyntaxError, RecursionError, MemoryError, ValueError, OverflowError):
            flags = _from_tokens(source)   # a file that does not parse still names what it uses
        return sorted(flags)
    except Exception:   # noqa: BLE001 - the checker must get an answer whatever the text
        return ["unscannable"]


def _text(data: bytes) -> str:
    """The text Python would run; for bytes it would refuse to run (the verdict says so), their UTF-8
    reading, so that what the file names is still flagged."""
    try:
        return source_text(data)
    except NotSource:
        return data.decode("utf-8", "replace")


def _top(module: str | None) -> str:
    return (module or "").split(".")[0]


def _const_str(node: ast.AST | None) -> str | None:
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def _attr_flags(obj: ast.AST, attr: str, sys_names: set[str], builtin_names: set[str]) -> set[str]:
    """Flags for `obj.attr` (also reached as getattr(obj, "attr"))."""
    on_sys = isinstance(obj, ast.Name) and obj.id in sys_names
    out = set()
    if attr in SYS_ATTRS and (on_sys or attr not in SYS_GENERIC):
        out.add(f"sys.{attr}")
    if attr in ESCAPE_ATTRS:
        out.add(attr)
    if attr == "ctypeslib":   # numpy's door to loading native libraries
        out.add("ctypes")
    if isinstance(obj, ast.Name) and obj.id in builtin_names and attr in BUILTINS:
        out.add(attr)
    return out


def _from_tree(tree: ast.AST) -> set[str]:
    flags: set[str] = set()
    nodes = list(ast.walk(tree))   # ast.walk is iterative: deep nesting cannot overflow our stack
    # First pass: which names are bound to modules, sys, builtins (aliases included).
    modules, sys_names, builtin_names = set(), {"sys"}, {"__builtins__", "builtins"}
    for node in nodes:
        if isinstance(node, ast.Import):
            for a in node.names:
                bound = a.asname or _top(a.name)
                modules.add(bound)
                if a.name == "sys":
                    sys_names.add(bound)
                elif a.name == "builtins":
                    builtin_names.add(bound)
    for node in nodes:
        if isinstance(node, ast.Import):
            flags |= {_top(a.name) for a in node.names} & MODULES
        elif isinstance(node, ast.ImportFrom):
            top = _top(node.module) if node.level == 0 else ""
            if top in MODULES:
                flags.add(top)
            for a in node.names:
                if node.module == "sys" and a.name in SYS_ATTRS:
                    flags.add(f"sys.{a.name}")
                elif node.module == "builtins" and a.name in BUILTINS:
                    flags.add(a.name)
        elif isinstance(node, ast.Name) and node.id in BUILTINS and isinstance(node.ctx, ast.Load):
            flags.add(node.id)
        elif isinstance(node, ast.Attribute):
            flags |= _attr_flags(node.value, node.attr, sys_names, builtin_names)
            # np.dot = fake: patching a module the checker also uses
            if not isinstance(node.ctx, ast.Load) and isinstance(node.value, ast.Name) \
                    and node.value.id in modules:
                flags.add("setattr")
        elif isinstance(node, ast.Call):
            flags |= _call_flags(node, modules, sys_names, builtin_names)
    return flags


def _call_flags(node: ast.Call, modules: set[str], sys_names: set[str], builtin_names: set[str]) -> set[str]:
    func, args, out = node.func, node.args, set()
    name = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""
    first = args[0] if args else None
    if name == "getattr" and len(args) >= 2 and (attr := _const_str(args[1])):
        out |= _attr_flags(first, attr, sys_names, builtin_names)
    elif name in PATCHERS and isinstance(first, ast.Name) and first.id in modules:
        out.add(name)
    elif name in ("__import__", "import_module") and (target := _const_str(first)):
        if _top(target) in MODULES:
            out.add(_top(target))
    return out


def _from_tokens(source: str) -> set[str]:
    """Flags from the names in a file that does not parse: tokens first (comments and strings
    skipped), then a regex over whatever the tokenizer could not reach."""
    words: list[str] = []
    rest_from = None   # line where tokenizing stopped
    try:
        prev = ""
        for tok in tokenize.generate_tokens(io.StringIO(source).readline):
            if tok.type == tokenize.NAME:
                words.append(f"sys.{tok.string}" if prev == "sys." else tok.string)
                prev = "sys" if tok.string == "sys" else ""
            elif tok.type == tokenize.OP and tok.string == "." and prev == "sys":
                prev = "sys."
            else:
                prev = ""
            rest_from = tok.end[0]
    except Exception:   # noqa: BLE001 - TokenError, IndentationError, ...: read the rest by regex
        lines = source.splitlines()
        start = max(0, (rest_from or 1) - 1)
        words += [re.sub(r"\s+", "", w) for w in NAME_RE.findall("\n".join(lines[start:]))]
    flags = set()
    for w in words:
        head, _, attr = w.partition(".")
        if head == "sys" and attr in SYS_ATTRS:
            flags.add(w)
        for part in (head, attr) if attr else (head,):
            if part in MODULES or part in BUILTINS or part in ESCAPE_ATTRS:
                flags.add(part)
            elif part in SYS_ATTRS - SYS_GENERIC:
                flags.add(f"sys.{part}")
            elif part == "ctypeslib":
                flags.add("ctypes")
    return flags
