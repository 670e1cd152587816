"""Re-make docs/screens/plain_transcript.txt: `toynn-tui --plain` driven by a script of keys.

    python3 docs/screens/make_plain_transcript.py

The real command, its stdin a pipe holding the keys and its stdout the file: two steps,
one iteration line by line (l, nine times), + (1000 iterations a frame), space (a script
plays on to the end: 60 000 iterations, one line in 1000), r, n (the next seed), t (the
2-layer net), two steps, ? and q.
"""
import os
import subprocess
import sys
from pathlib import Path

OUT = Path(__file__).with_name("plain_transcript.txt")
KEYS = "ss" + "l" * 9 + "+" + " " + "rnt" + "ss" + "?q"

if __name__ == "__main__":
    with open(OUT, "w") as out:
        out.write(f"$ printf {KEYS!r} | toynn-tui --plain --paused\n")
        out.flush()
        subprocess.run([sys.executable, "-m", "toynn_tui.app", "--plain", "--paused"], input=KEYS, text=True,
                       stdout=out, check=True, env={**os.environ, "TOYNN_LANG": "en"})
    print(f"wrote {OUT}")
