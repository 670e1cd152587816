"""The whole suite speaks English whatever the machine's LANG: tests that need another language say so."""
import os

os.environ["TOYNN_LANG"] = "en"   # inherited by every checker child the tests start
