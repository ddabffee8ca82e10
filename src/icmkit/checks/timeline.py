"""Rules: see module body."""
