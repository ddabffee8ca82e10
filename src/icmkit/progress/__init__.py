"""Delivery progress computed from a loaded program: checklists, progress, hours, gates.

Pure computations: every function takes a :class:`~icmkit.model.program_bundle.Program` and
returns dataclasses with a ``to_dict`` for JSON; nothing here prints or reads files.
"""
