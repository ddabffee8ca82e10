"""Rules that take a loaded program and yield findings."""
