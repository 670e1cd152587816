"""One student's text never stops the class: every writer takes any text a student can produce.

Two kinds of text cannot be encoded as UTF-8 as they are: a lone surrogate in
an exception message (`raise RuntimeError("\\udcff")`), and a file name whose
bytes are not UTF-8 (b"caf\\xe9.py", which Python holds as "caf\\udce9.py").
Each writer (CSV, JSON, JUnit XML, the journal, the terminal) must write it,
the JSON and the journal so that it reads back as the same name (a shard's
student must hash to the same shard after the merge), the XML well-formed.
"""
import csv
import io
import json
import os
from xml.etree import ElementTree as ET

import pytest
from click.testing import CliRunner

from toynn_tui.cli import main
from toynn_tui.practice import gradebook, journal, merge, shards
from toynn_tui.practice.gradebook import Book, Entry
from toynn_tui.practice.verdict import Verdict

NAME = os.fsdecode(b"caf\xe9")          # "caf\udce9": an undecodable byte of a file name
MESSAGE = "RuntimeError: \udcff and \ud800 alone, nul \x00, bell \x07"


def book():
    tests = [{"name": "one update step \udcfe", "status": "fail", "message": MESSAGE, "hint": "\udc80",
              "diagnosis": "slope-missing", "output": "out \udcff"}]
    v = Verdict("exercise3", f"subs/{NAME}.py", "fail", MESSAGE, tests, ["slope-missing"], 0.5,
                "bubblewrap", ["same as \udcff"])
    err = Verdict("exercise3", "subs/zed.py", "error", MESSAGE)
    return Book("exercise3", [Entry(NAME, v), Entry("zed", err)], 2)


def test_the_csv_takes_any_text(tmp_path):
    gradebook.write(book(), tmp_path / "g.csv")
    rows = {r["student"]: r for r in csv.DictReader(io.StringIO((tmp_path / "g.csv").read_text("utf-8")))}
    assert set(rows) == {"caf\\xe9", "zed"}                    # the byte, shown as the byte it is
    assert "\\xff and \\ud800" in rows["zed"]["message"] and rows["caf\\xe9"]["flags"] == "same as \\xff"


def test_the_json_takes_any_text_and_reads_back_the_same_names(tmp_path):
    gradebook.write(book(), tmp_path / "g.json")
    doc = json.loads((tmp_path / "g.json").read_bytes().decode("utf-8"))   # valid UTF-8 JSON
    got = {s["student"]: s for s in doc["students"]}
    assert set(got) == {NAME, "zed"} and got["zed"]["message"] == MESSAGE
    assert merge.load(tmp_path / "g.json")["students"][0]["student"] == NAME


def test_a_shard_with_such_a_name_merges(tmp_path):
    b = book()
    b.run = shards.record(shards.Shard(), [NAME, "zed"])
    gradebook.write(b, tmp_path / "g.json")
    merged = merge.merge([tmp_path / "g.json"])
    assert {e.student for e in merged.entries} == {NAME, "zed"}


def test_the_junit_xml_takes_any_text_and_stays_well_formed(tmp_path):
    gradebook.write(book(), tmp_path / "g.xml")
    root = ET.parse(tmp_path / "g.xml").getroot()
    names = [s.get("name") for s in root.iter("testsuite")]
    assert names == ["caf\\xe9", "zed"]
    failure = next(root.iter("failure"))
    assert "\\xff and \\ud800" in failure.get("message") and "\x00" not in failure.text


def test_the_journal_takes_any_text_and_gives_it_back(tmp_path):
    path = journal.path_for(tmp_path / "g.csv")
    j = journal.Journal(path, "exercise3")
    for e in book().entries:
        j.add(e)
    j.close()
    back = journal.load(path, "exercise3")
    assert [e.student for e in back] == [NAME, "zed"] and back[1].verdict.message == MESSAGE


def test_the_summary_takes_any_text():
    for line in gradebook.summary_lines(book()):
        line.encode("utf-8")   # what a terminal needs; a surrogate raised UnicodeEncodeError here


@pytest.fixture
def ok_sandbox(monkeypatch):
    from types import SimpleNamespace
    from toynn_tui.checker import launch
    monkeypatch.setattr(launch, "status", lambda: SimpleNamespace(ok=True, name="bubblewrap", why=""))


def test_a_file_name_that_is_not_utf8_is_graded_and_resumed(tmp_path, standin, ok_sandbox):
    subs = tmp_path / "subs"
    subs.mkdir()
    for name in (b"caf\xe9.py", b"ann.py", b"bea.py"):
        with open(os.fsencode(subs) + b"/" + name, "w") as f:
            f.write(f"good {name!r}")
    outs = [tmp_path / f"g.{ext}" for ext in ("csv", "json", "xml")]
    args = ["grade", str(subs), "-e", "exercise2", *[a for o in outs for a in ("-o", str(o))]]
    run = CliRunner().invoke(main, args)
    assert run.exit_code == 0, run.output + repr(run.exception)
    assert "3 of 3 pass" in run.stdout
    rows = {r["student"] for r in csv.DictReader(io.StringIO(outs[0].read_text("utf-8")))}
    assert rows == {"ann", "bea", "caf\\xe9"}
    ET.parse(outs[2])
    # interrupted after the first two, then resumed: the journal holds the name, the rest is graded
    j = journal.Journal(journal.path_for(outs[0]), "exercise2")
    j.add(Entry(NAME, Verdict("exercise2", "x", "fail", "from the journal \udcff")))
    j.close()
    resumed = CliRunner().invoke(main, args + ["--resume"])
    assert resumed.exit_code == 0, resumed.output + repr(resumed.exception)
    assert "1 from" in resumed.stderr and "2 of 3 pass" in resumed.stdout
    assert json.loads(outs[1].read_text("utf-8"))["graded"] == 3
