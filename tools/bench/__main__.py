"""`python -m tools.bench`: see the package docstring."""

import sys

from tools.bench.cli import main

if __name__ == "__main__":
    sys.exit(main())
