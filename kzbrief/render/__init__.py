"""Rich renderables and plain lines for the command line, and the Markdown and HTML exports
(`export`, `markdown`, `html`), which use neither Rich nor Textual (never Textual here)."""
