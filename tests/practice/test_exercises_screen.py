"""The exercises screen, driven with Pilot in a tiny host app (and once inside ToynnApp).

Most tests use a stand-in checker (fast, no child process) so they are about
the screen: states, the automatic re-grade when a file changes on disk, hints,
switching screens, and a slow check not blocking the keys. The last test
grades real files with the real `toynn check --json` child.
"""
import asyncio
import shutil
import threading
import time

from textual.app import App

from toynn_tui import ladder
from toynn_tui.practice.runner import Verdict
from toynn_tui.practice.workspace import exercise_file
from toynn_tui.screens.exercises import ExercisesScreen


class Host(App):
    def __init__(self, screen):
        super().__init__()
        self._ex = screen

    def on_mount(self):
        self.push_screen(self._ex)


def fake_check(log=None, delay=0.0, gate=None):
    def check(exercise, path, timeout=None, on_start=None):
        if gate is not None:
            gate.wait(30)
        time.sleep(delay)
        text = path.read_text()
        if log is not None:
            log.append((exercise, text))
        ok = "right" in text
        tests = [{"name": "one step", "status": "pass" if ok else "fail",
                  "message": "" if ok else "the update moved the wrong way", "diagnosis": None if ok else "wrong-sign"}]
        return Verdict(exercise, str(path), "pass" if ok else "fail", tests=tests,
                       diagnoses=[] if ok else ["wrong-sign"], seconds=0.01)
    return check


def run(screen, scenario, size=(100, 30)):
    async def go():
        app = Host(screen)
        async with app.run_test(size=size) as pilot:
            await pilot.pause()
            return await scenario(pilot, screen)
    return asyncio.run(go())


async def until(pilot, cond, limit=60.0):
    """Let the app run until cond() holds (a bounded wait, not a timing assertion)."""
    end = time.monotonic() + limit
    while not cond():
        assert time.monotonic() < end, "the screen never got there"
        await pilot.pause(0.05)


def shown(screen, selector):
    return str(screen.query_one(selector).content)


def ladder_text(screen, name):
    return str(screen.query_one("#ladder").get_option(name).prompt)


def write(ws, name, text):
    p = exercise_file(ws, name)
    p.parent.mkdir(parents=True, exist_ok=True)
    p.write_text(text)
    return p


def test_ladder_shows_each_exercise_state_and_overall_progress(tmp_path):
    shutil.copy(ladder.get("exercise2").stub, write(tmp_path, "exercise2", ""))  # the untouched stub
    write(tmp_path, "exercise3", "right")
    log = []
    screen = ExercisesScreen(tmp_path, check=fake_check(log), interval=0.1)

    async def scenario(pilot, s):
        await until(pilot, lambda: "passing" in ladder_text(s, "exercise3"))
        assert "not started" in ladder_text(s, "exercise1")
        assert "not started" in ladder_text(s, "exercise2")
        assert f"1 of {len(ladder.load())} passing" in shown(s, "#ex-progress")
        assert [e for e, _ in log] == ["exercise3"]  # missing and stub files are not run
        assert "not there yet" in shown(s, "#ex-file")  # exercise1 is open first
        assert str(exercise_file(tmp_path, "exercise1")) in shown(s, "#ex-file")
        for check_name in ladder.get("exercise1").checks:  # listed, not run yet
            assert check_name in shown(s, "#ex-checks")
        assert ladder.get("exercise1").contract.splitlines()[0] in shown(s, "#ex-contract")
    run(screen, scenario)


def test_saving_the_file_regrades_it_automatically(tmp_path):
    path = write(tmp_path, "exercise2", "first try")
    log = []
    screen = ExercisesScreen(tmp_path, check=fake_check(log), interval=0.1)

    async def scenario(pilot, s):
        await pilot.press("down")  # open exercise2
        await until(pilot, lambda: "failing" in ladder_text(s, "exercise2"))
        assert "wrong way" in shown(s, "#ex-checks") and "0 of 1" in shown(s, "#ex-checks")
        path.write_text("now it is right")  # the learner saves in their editor
        await until(pilot, lambda: "passing" in ladder_text(s, "exercise2"))
        assert "the check passes" in shown(s, "#ex-checks")
        assert f"1 of {len(ladder.load())} passing" in shown(s, "#ex-progress")
        assert [t for _, t in log] == ["first try", "now it is right"]
        path.unlink()  # deleted: back to not started
        await until(pilot, lambda: "not started" in ladder_text(s, "exercise2"))
        assert f"0 of {len(ladder.load())} passing" in shown(s, "#ex-progress")
        assert len(log) == 2
    run(screen, scenario)


def test_an_unchanged_file_is_not_regraded_but_c_checks_now(tmp_path):
    write(tmp_path, "exercise1", "mine")
    log = []
    screen = ExercisesScreen(tmp_path, check=fake_check(log), interval=0.05)

    async def scenario(pilot, s):
        await until(pilot, lambda: len(log) == 1)
        await pilot.pause(0.5)  # ten polls of an unchanged file
        assert len(log) == 1
        await pilot.press("c")
        await until(pilot, lambda: len(log) == 2)
    run(screen, scenario)


def test_hints_come_one_at_a_time(tmp_path):
    hints = ladder.get("exercise1").hints
    screen = ExercisesScreen(tmp_path, check=fake_check(), interval=0.1)

    async def scenario(pilot, s):
        assert hints[0] not in shown(s, "#ex-hints")
        await pilot.press("h")
        assert hints[0] in shown(s, "#ex-hints") and hints[1] not in shown(s, "#ex-hints")
        await pilot.press("h")
        assert hints[1] in shown(s, "#ex-hints")
        for _ in range(len(hints) + 2):
            await pilot.press("h")
        assert "no more hints" in shown(s, "#ex-hints")
        await pilot.press("down")  # another exercise starts with none shown
        assert ladder.get("exercise2").hints[0] not in shown(s, "#ex-hints")
    run(screen, scenario)


def test_a_slow_check_never_blocks_the_keys(tmp_path):
    write(tmp_path, "exercise1", "mine")
    gate = threading.Event()  # the check waits here until the test lets it finish
    screen = ExercisesScreen(tmp_path, check=fake_check(gate=gate), interval=0.1)

    async def scenario(pilot, s):
        await until(pilot, lambda: "checking" in ladder_text(s, "exercise1"))
        await pilot.press("h")  # answered while the check is still running
        assert ladder.get("exercise1").hints[0] in shown(s, "#ex-hints")
        await pilot.press("down")
        assert s.current == "exercise2"
        gate.set()
        await until(pilot, lambda: "failing" in ladder_text(s, "exercise1"))
    run(screen, scenario)


def test_t_without_a_training_mode_only_says_so(tmp_path):
    screen = ExercisesScreen(tmp_path, check=fake_check(), interval=0.1)

    async def go():
        app = Host(screen)
        async with app.run_test(size=(100, 30), notifications=True) as pilot:  # toasts drawn, as in the app
            await pilot.pause()
            await pilot.press("t")
            await pilot.pause()
            assert pilot.app.screen is screen
            toasts = [t for t in screen.query("Toast") if t.has_class("-warning")]
            assert [str(t.render()) for t in toasts] == ["There is no training screen in this app."]
    asyncio.run(go())


def test_every_matrix_keeps_its_label_in_each_check(tmp_path):
    """The checker repeats a mistake's explanation under every check it affects (said once
    here), but each check's own arrays come with labels that repeat by nature: a later
    check's "syn0, expected:" / "syn0, yours:" must not vanish as a repeat."""
    write(tmp_path, "exercise2", "mine")

    def evidence(n):
        return (f"syn0, expected:\n  [[{n}.1]\n   [{n}.2]]\nsyn0, yours:\n  [[{n}.3]\n   [{n}.2]]")
    why = "Likely mistake: update with the wrong sign."

    def check(exercise, path, timeout=None, on_start=None):
        tests = [{"name": f"check {n}", "status": "fail", "diagnosis": "wrong-sign",
                  "message": f"reason {n}\n{why}\n{evidence(n)}\nHint: add the update."} for n in (1, 2)]
        return Verdict(exercise, str(path), "fail", tests=tests, seconds=0.01)
    screen = ExercisesScreen(tmp_path, check=check, interval=0.1)

    async def scenario(pilot, s):
        await pilot.press("down")
        await until(pilot, lambda: "failing" in ladder_text(s, "exercise2"))
        await pilot.pause()
        lines = [ln.strip() for ln in s.query_one("#ex-checks").content.plain.splitlines()]
        second = lines[lines.index("reason 2"):]
        # the second check shows its own evidence whole: labels and every row, in order
        assert second[1:7] == [ln.strip() for ln in evidence(2).splitlines()]
        assert lines.count("syn0, expected:") == 2 and lines.count("syn0, yours:") == 2
        assert lines.count("[2.2]]") == 2   # a row equal to the row above it is a row all the same
        # the explanation the checker repeats per check is said once
        assert lines.count(why) == 1 and lines.count("Hint: add the update.") == 1
    run(screen, scenario)


def test_as_a_mode_of_the_training_app_t_goes_back_to_training(tmp_path):
    from toynn_tui.app import ToynnApp
    from toynn_tui.screens.training import TrainingScreen

    async def go():
        app = ToynnApp(paused=True, workspace=tmp_path)  # the app registers the mode (no files: no checks)
        async with app.run_test(size=(80, 24)) as pilot:
            await app.switch_mode("exercises")
            await pilot.pause()
            assert isinstance(app.screen, ExercisesScreen) and app.screen.workspace == tmp_path.resolve()
            await pilot.press("t")
            await pilot.pause()
            assert isinstance(app.screen, TrainingScreen)
    asyncio.run(go())


def test_real_checker_grades_on_save(tmp_path):
    """End to end: the real `toynn check --json` child, a wrong file, then the reference answer."""
    ex = ladder.get("exercise1")
    wrong = ex.solution.read_text().replace("1 + np.exp(-x)", "1 + np.exp(x)")
    assert wrong != ex.solution.read_text()
    path = write(tmp_path, "exercise1", wrong)
    screen = ExercisesScreen(tmp_path, interval=0.2)

    async def scenario(pilot, s):
        await until(pilot, lambda: "failing" in ladder_text(s, "exercise1"))
        assert "✗" in shown(s, "#ex-checks")
        path.write_text(ex.solution.read_text())
        await until(pilot, lambda: "passing" in ladder_text(s, "exercise1"))
        assert f"all {len(s.rows['exercise1'].verdict.tests)} checks pass" in shown(s, "#ex-checks")
    run(screen, scenario)


def test_at_80x24_rows_stay_two_lines_and_text_wraps_under_its_indent(tmp_path):
    """Titles are cut (not wrapped) in the ladder; the contract and the checker's prose wrap
    at the panel's width under their own indent, and its laid-out arrays are left alone."""
    write(tmp_path, "exercise2", "mine")
    prose = "Likely mistake: " + "the update moved the wrong way, " * 4 + "so the error grew."
    array = "  [[ 0.123456 -0.654321  0.111111]\n   [-0.222222  0.333333 -0.444444]]"
    flood = "\n".join(f"line {i}" for i in range(60))

    def check(exercise, path, timeout=None, on_start=None):
        tests = [{"name": "one step", "status": "fail", "message": f"{prose}\nyours:\n{array}"},
                 {"name": "flood", "status": "fail", "message": flood}]
        return Verdict(exercise, str(path), "fail", tests=tests, seconds=0.01)
    screen = ExercisesScreen(tmp_path, check=check, interval=0.1)

    async def scenario(pilot, s):
        assert s.query_one("#ladder").virtual_size.height == 2 * len(s.rows)
        contract = shown(s, "#ex-contract").splitlines()
        assert not any(ln[:1].isspace() for ln in contract)  # the ladder's hand wraps joined
        await pilot.press("down")
        await until(pilot, lambda: "failing" in ladder_text(s, "exercise2"))
        await pilot.pause()
        panel = s.query_one("#ex-checks")
        lines = panel.content.plain.splitlines()
        width = panel.content_size.width
        assert all(len(ln) <= width for ln in lines)
        start = next(i for i, ln in enumerate(lines) if ln.startswith("    Likely mistake:"))
        block = lines[start:lines.index("    yours:")]
        assert len(block) > 1 and all(ln.startswith("    ") for ln in block)
        assert " ".join(ln.strip() for ln in block) == prose
        assert "    " + array.splitlines()[0] in lines and "    " + array.splitlines()[1] in lines
        assert "    line 39" in lines and "    line 40" not in lines
        tail = " ".join(ln.strip() for ln in lines[lines.index("    line 39") + 1:-1])
        assert tail == "… 20 more lines: `toynn check exercise2` shows them all"
    run(screen, scenario, size=(80, 24))


def test_too_small_a_window_gets_a_notice_and_the_screen_comes_back(tmp_path):
    screen = ExercisesScreen(tmp_path, check=fake_check(), interval=0.1)

    async def scenario(pilot, s):
        notice = s.query_one("#too-small")
        assert not notice.display and s.query_one("#ex-main").display
        await pilot.resize_terminal(40, 12)
        await pilot.pause()
        assert notice.display and not s.query_one("#ex-main").display
        assert "Make the window larger" in str(notice.content) and "40×12" in str(notice.content)
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert not notice.display and s.query_one("#ex-main").display
    run(screen, scenario)


def test_v_opens_the_open_exercise_beside_the_reference(tmp_path):
    from toynn_tui.screens.compare import CompareScreen
    solution = ladder.get("exercise3").solution.read_text()
    write(tmp_path, "exercise3", solution.replace("l2_delta = l2_error * nonlin(l2, deriv=True)", "l2_delta = l2_error"))
    screen = ExercisesScreen(tmp_path, check=fake_check(), interval=0.1)

    async def scenario(pilot, s):
        await pilot.press("v")   # exercise1: the sigmoid alone, nothing to compare
        await pilot.pause()
        assert pilot.app.screen is s
        await pilot.press("down", "down", "v")
        await until(pilot, lambda: isinstance(pilot.app.screen, CompareScreen)
                    and pilot.app.screen.trajectory is not None)
        assert pilot.app.screen.trajectory.first_diverging == 1
        await pilot.press("escape")
        await pilot.pause()
        assert pilot.app.screen is s
    run(screen, scenario)
