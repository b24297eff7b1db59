"""The reader's widgets, one per module. They never import screens or the app."""
