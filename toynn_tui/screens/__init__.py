"""The app's screens: training (the live view) and help."""
