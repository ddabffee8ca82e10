"""The typer command line: parse options, call the core, format results, map exit codes."""
