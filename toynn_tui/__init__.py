"""toynn: watch the article's tiny numpy network learn, then rebuild it from memory.

`toynn_tui.engine` holds all the math; the app (`toynn-tui`) and the checker
(`toynn check`) only draw from it or compare against it.
"""

__version__ = "0.1.0"


def load_ipython_extension(ipython) -> None:
    """`%load_ext toynn_tui` in a notebook: registers `%toynn check` and `%toynn hint`.

    The magic's module is imported here, only when IPython asks: `import toynn_tui`
    and the app never import it or IPython.
    """
    from toynn_tui import magic
    magic.register(ipython)
