"""Allow ``python -m icmkit``."""

from icmkit.cli.app import main

if __name__ == "__main__":
    main()
