"""`toynn serve` in a real browser: Debian's chromium, headless, driven by Playwright.

Playwright only drives the system's browser (`executable_path`): it never downloads one.
The page draws the terminal with xterm.js on a canvas, so its text is not in the DOM; a
script added before the page's own finds textual-serve's terminal object (the page makes
one per terminal and keeps it in a local variable) and the test reads the screen's rows out
of xterm.js's buffer: what the browser shows, cell by cell. Every request to anything but
the server (the page asks for a web font) is refused: the test sends traffic to localhost only.

Without chromium or Playwright the test skips, saying why; in CI (CI=true) it fails instead,
since .ci/run installs chromium and the `test` extra Playwright.
"""
from __future__ import annotations

import importlib.util
import signal
import time

import pytest

from tests.serve.conftest import chromium_path, need

# Before the page's scripts: the object that gets a `websocket_url` (textual-serve's terminal
# wrapper, which holds the xterm.js Terminal as `.terminal`) is kept as window.__toynnTerminal.
FIND_TERMINAL = """
Object.defineProperty(Object.prototype, 'websocket_url', {
  configurable: true,
  set(value) {
    Object.defineProperty(this, 'websocket_url', {value, writable: true, enumerable: true, configurable: true});
    window.__toynnTerminal = this;
  },
});
"""
SCREEN_TEXT = """() => {
  const t = window.__toynnTerminal && window.__toynnTerminal.terminal;
  if (!t) return '';
  const buffer = t.buffer.active, rows = [];
  for (let y = 0; y < t.rows; y++) {
    const line = buffer.getLine(buffer.viewportY + y);
    rows.push(line ? line.translateToString(true) : '');
  }
  return rows.join('\\n');
}"""
CODE_LINE = "l1 = nonlin(np.dot(l0, syn0))"


def _wait_for_screen(page, ok, timeout: float, what: str) -> str:
    deadline = time.monotonic() + timeout
    text = ""
    while time.monotonic() < deadline:
        text = page.evaluate(SCREEN_TEXT)
        if ok(text):
            return text
        time.sleep(0.05)
    pytest.fail(f"the page did not show {what} within {timeout} s; it showed:\n{text}")


def _status(text: str) -> str:
    """The status bar: the screen's row that tells the iteration."""
    return next((row for row in text.splitlines() if " iteration " in row), "")


@pytest.fixture
def browser():
    chromium = chromium_path()
    need(chromium is not None, "needs Debian's chromium (apt-get install chromium)")
    need(importlib.util.find_spec("playwright") is not None,
         "needs Playwright (pip install -e '.[test]')")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=chromium, args=["--no-sandbox"])
        try:
            yield b
        finally:
            b.close()


def test_the_app_in_a_browser_trains_pauses_and_stops_cleanly(serve, browser, record_property):
    served = serve("--speed", "10", "--seed", "1")   # 10 iterations a frame: still training at the end
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    local = f"http://localhost:{served.port}/"
    page.route("**/*", lambda route: route.continue_() if route.request.url.startswith(local)
               else route.abort())
    page.add_init_script(FIND_TERMINAL)
    served.wait_listening()
    page.goto(served.url, wait_until="domcontentloaded")

    # The training screen: its status bar and the code panel, drawn in the browser's terminal.
    text = _wait_for_screen(page, lambda t: "iteration" in _status(t) and "seed 1" in _status(t)
                            and CODE_LINE in t, 15, "the training screen")
    visible = time.monotonic() - served.started
    record_property("serve_to_training_screen_s", round(visible, 2))
    print(f"toynn serve start -> training screen in the browser: {visible:.2f} s")
    assert "playing" in _status(text), _status(text)
    assert len(served.apps()) == 1

    # Space, typed into the page, reaches the app: training pauses.
    page.evaluate("() => window.__toynnTerminal.terminal.focus()")
    page.keyboard.press("Space")
    text = _wait_for_screen(page, lambda t: "paused" in _status(t), 5, "'paused' in the status bar")
    assert "playing" not in _status(text)

    # Ctrl-C (SIGINT) to the server: it exits at once with one line, its app gone too.
    took = served.stop_with(signal.SIGINT)
    served.assert_clean_stop()
    assert took < 5, f"stopping took {took:.1f} s"
