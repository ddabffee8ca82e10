"""A small mutation tester for icmkit: ``python benchmarks/mutation.py --help``."""
