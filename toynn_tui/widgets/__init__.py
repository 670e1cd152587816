"""The panels of the training screen, one module each (see docs/app.md for what each shows)."""
