"""Rich renderables and plain lines for the command line (never Textual)."""
