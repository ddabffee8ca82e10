"""The program's vocabulary: pydantic models with no I/O."""
