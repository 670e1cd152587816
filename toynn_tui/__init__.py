"""toynn: watch the article's tiny numpy network learn, then rebuild it from memory.

`toynn_tui.engine` holds all the math; the app (`toynn-tui`) and the checker
(`toynn check`) only draw from it or compare against it.
"""

__version__ = "0.1.0"
