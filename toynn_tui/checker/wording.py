"""The words of the learner's process and of its walls, said in the learner's language.

Two kinds of text are data before they are words, so they stay English where they are made:
- how a child ended (`sandbox._wait`, `limits.timed_out`, `readback.collect`): the checker and
  `toynn grade` test them ("time limit" in ended), and the JSON's `ended` keeps them stable;
- what the learner's sandboxed child says of a call ("returned None", `child.Encoder.numbers`):
  toynn_tui cannot be imported there, so it cannot translate, and harness classifies by them.
Both are turned into a sentence of the current language only where a learner reads them, here:
each English form is matched whole and said again through its own message, fields kept.
"""
from __future__ import annotations

import re

from toynn_tui.i18n import N_, _

_NUMBER = r"[0-9.e+-]+"

# (the English as made, its message); the message's {fields} are the pattern's groups
_ENDED = [
    (rf"it was stopped after the time limit of (?P<seconds>{_NUMBER}) s",
     N_("it was stopped after the time limit of {seconds} s")),
    (r"it used more than the memory limit of 1 GiB", N_("it used more than the memory limit of 1 GiB")),
    (r"it used up its CPU time limit", N_("it used up its CPU time limit")),
    (r"it was killed \(out of memory\?\)", N_("it was killed (out of memory?)")),
    (r"it crashed \(segmentation fault\)", N_("it crashed (segmentation fault)")),
    (r"it was killed by (?P<signal>SIG[A-Z0-9+-]+)", N_("it was killed by {signal}")),
    (r"the process exited with code (?P<code>-?\d+)", N_("the process exited with code {code}")),
    (r"the process ended in the middle of it \(os\._exit, or a crash\)",
     N_("the process ended in the middle of it (os._exit, or a crash)")),
    (r"it never started", N_("it never started")),
]
# The same endings with the file as their subject: the verdict's "…; your file was stopped after …"
_YOUR_FILE = [
    (rf"it was stopped after the time limit of (?P<seconds>{_NUMBER}) s",
     N_("your file was stopped after the time limit of {seconds} s")),
    (r"it used more than the memory limit of 1 GiB", N_("your file used more than the memory limit of 1 GiB")),
    (r"it used up its CPU time limit", N_("your file used up its CPU time limit")),
]
_CHILD = [
    (r"returned None", N_("returned None")),
    (r"returned (?P<n>\d+) values, not (?P<count>\d+) arrays", N_("returned {n} values, not {count} arrays")),
    (r"returned (?P<type>\w+), not a tuple of (?P<count>\d+) arrays",
     N_("returned {type}, not a tuple of {count} arrays")),
    (r"returned None where an array belongs", N_("returned None where an array belongs")),
    (r"returned something that is not an array of numbers \((?P<type>\w+): (?P<error>.*)\)",
     N_("returned something that is not an array of numbers ({type}: {error})")),
    (r"returned an array far larger than the network's weights",
     N_("returned an array far larger than the network's weights")),
    (r"the file defines no function (?P<name>\w+)\(\)", N_("the file defines no function {name}()")),
    (r"sys\.exit\((?P<code>.*)\) was called", N_("sys.exit({code}) was called")),
    (r"\(its message could not be shown\)", N_("(its message could not be shown)")),
    (r"toynn_tui cannot be imported by an exercise file: write the network yourself",
     N_("toynn_tui cannot be imported by an exercise file: write the network yourself")),
    (r"its result could not be read back", N_("its result could not be read back")),
    (r"its result is not a small array of numbers", N_("its result is not a small array of numbers")),
    (r"not reached", N_("not reached")),
    (r"the file could not be read: (?P<why>.*)", N_("the file could not be read: {why}")),
]


def _say(text: str, table) -> str | None:
    for pattern, message in table:
        m = re.fullmatch(pattern, text, re.DOTALL)
        if m:
            return _(message).format(**m.groupdict())
    return None


def ended(text: str) -> str:
    """How the learner's process ended ("it was stopped after the time limit of 6 s"), translated."""
    return _say(text, _ENDED) or text


def your_file(text: str) -> str:
    """How it ended, said of "your file" ("your file was stopped after …"): the summary's words."""
    return _say(text, _YOUR_FILE) or "your file " + text.removeprefix("it ")   # none other reaches a verdict


def child(text: str) -> str:
    """A message of the learner's sandboxed child (or of the read-back), translated; "not reached: …" too."""
    head, sep, why = text.partition(": ")
    if sep and head in ("not reached", "the call never finished"):
        what = ended(why)
        return (_("not reached: {why}") if head == "not reached" else _("the call never finished: {why}")).format(why=what)
    return _say(text, _CHILD) or _say(text, _ENDED) or text


# The exception messages the child itself writes (`child.describe`, `child._NoToynn`, `sandbox._unreadable`),
# by exception type: any other message is the learner's own words and is shown as they wrote it.
_OURS = {"SystemExit": r"sys\.exit\(.*\) was called", "ImportError": r"toynn_tui cannot be imported by .*",
         "OSError": r"the file could not be read: .*"}


def exception(kind: str, message: str) -> str:
    """An exception's message from the learner's process: translated where the child wrote it, else as it is."""
    if message == "(its message could not be shown)" or re.fullmatch(_OURS.get(kind, r"(?!)"), message, re.DOTALL):
        return _say(message, _CHILD) or message
    return message
