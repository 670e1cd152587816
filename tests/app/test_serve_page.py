"""`toynn serve`'s page: every value it quotes is HTML-escaped text.

textual-serve renders its page through aiohttp_jinja2, which escapes every value
by default; this pins that down for the values the page quotes, the app's title and
the address browsers reach the server by (`--public-url`): a value with `"` or `<`
in it stays a value, never markup or script of the page. (The learner's own text reaches the browser only inside the terminal
stream the page's xterm.js draws: the app draws it as text, see test_learner_text.)
"""
from __future__ import annotations

import asyncio

from aiohttp.test_utils import TestClient, TestServer

from toynn_tui.commands.serve import _make_server, app_command

HOSTILE = 'http://example.test/"><script>alert(1)</script><b x="'


def _index(public_url: str) -> str:
    async def go():
        server = _make_server(app_command("3", 1, "100"), "127.0.0.1", 0, public_url)
        client = TestClient(TestServer(await server._make_app()))
        await client.start_server()
        try:
            response = await client.get("/")
            assert response.status == 200
            return await response.text()
        finally:
            await client.close()
    return asyncio.run(go())


def test_the_page_quotes_a_hostile_public_url_as_text():
    page = _index(HOSTILE)
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert 'data-session-websocket-url="ws://example.test/&#34;&gt;' in page


def test_an_ordinary_page_is_unchanged():
    page = _index("http://192.0.2.10:8000")
    assert 'data-session-websocket-url="ws://192.0.2.10:8000/ws"' in page
    assert "http://192.0.2.10:8000/static/js/textual.js" in page
    assert "<div>toynn</div>" in page
