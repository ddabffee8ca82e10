"""Reviewing changes: what changed between two versions of a program, item by item.
Pure computation: two programs in, a structured diff out."""
