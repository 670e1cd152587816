"""`python -m toynn_tui ...` is the `toynn` command (handy where scripts are not on PATH)."""
from toynn_tui.entry import toynn

toynn()
