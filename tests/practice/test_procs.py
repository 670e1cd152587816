"""`procs.Tracker`: the live processes of one job, stopped all at once; untracked ones are left alone."""
import subprocess
import sys
import threading

from toynn_tui.procs import Tracker

# Ignores SIGINT, as a stuck checker might: only the SIGKILL after the grace ends it.
STUBBORN = "import signal, time; signal.signal(signal.SIGINT, signal.SIG_IGN); print('up', flush=True); time.sleep(60)"


def sleeper(stubborn: bool = False) -> subprocess.Popen:
    code = STUBBORN if stubborn else "import time; print('up', flush=True); time.sleep(60)"
    proc = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True, start_new_session=True)
    assert proc.stdout.readline() == "up\n"   # running (and its SIGINT handler set) before we stop it
    return proc


def ended(proc: subprocess.Popen) -> bool:
    try:
        proc.wait(timeout=5)
    except subprocess.TimeoutExpired:
        return False
    return True


def finish(*procs: subprocess.Popen) -> None:
    for proc in procs:
        proc.kill()
        proc.wait()
        proc.stdout.close()


def test_stop_all_stops_the_tracked_and_leaves_the_untracked():
    procs = Tracker(grace=0.2)
    tracked, stubborn, untracked, let_go = sleeper(), sleeper(stubborn=True), sleeper(), sleeper()
    try:
        procs.track(tracked)
        procs.track(stubborn)
        procs.track(let_go)
        procs.untrack(let_go)
        procs.stop_all()
        assert ended(tracked) and ended(stubborn)
        assert untracked.poll() is None and let_go.poll() is None
        assert procs.stopping
    finally:
        finish(tracked, stubborn, untracked, let_go)


def test_leaving_the_context_stops_what_is_still_tracked():
    done, running, outside = sleeper(), sleeper(), sleeper()
    try:
        with Tracker(grace=0.2) as procs:
            with procs.tracking() as started:   # one check's on_start: untracked when the check ends
                started(done)
            procs.track(running)
        assert ended(running)
        assert done.poll() is None and outside.poll() is None
    finally:
        finish(done, running, outside)


def test_a_process_tracked_after_stopping_began_is_killed_at_once():
    procs = Tracker(grace=0.2)
    procs.stop_all()
    late = sleeper()
    try:
        procs.track(late)
        assert ended(late)
    finally:
        finish(late)


def test_tracking_from_many_threads_loses_none():
    procs = Tracker(grace=0.2)
    started = [sleeper() for _ in range(4)]
    try:
        threads = [threading.Thread(target=procs.track, args=(p,)) for p in started]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        procs.stop_all()
        assert all(ended(p) for p in started)
    finally:
        finish(*started)
