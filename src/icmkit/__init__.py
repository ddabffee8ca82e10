"""icmkit: an ICM implementation program kept as YAML in git."""

__version__ = "0.1.0"
