"""`python -m kzbrief` and the `kzbrief` console script."""

from __future__ import annotations

import sys


def main() -> None:
    from kzbrief.cli import main as cli_main

    sys.exit(cli_main())


if __name__ == "__main__":
    main()
