"""JSON Schemas of the program files, for editors and other tools that validate YAML."""
