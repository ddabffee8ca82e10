"""Reading a program from a working tree (or any file source) into the model."""
