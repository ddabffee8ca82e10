"""Functional requirements as a spreadsheet, and a reviewed spreadsheet back into the YAML."""
