"""The Textual reader. Imported only when `kzbrief` opens it, never by the CLI's text commands.

Layers, lowest first; a module imports only from its own layer or below:
  config, citation, view, messages, draw/*   no widgets; config and citation import no Textual
  widgets/*                                  one widget per module
  screens/*, providers                       screens own the state and push it into widgets
  app                                        the App and `run_reader`
"""
