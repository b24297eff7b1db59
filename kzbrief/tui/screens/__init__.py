"""The reader's screens: each owns its state and pushes it into its widgets."""
