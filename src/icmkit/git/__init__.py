"""Git through GitPython: starting a repository and committing files. GitPython is imported
inside the functions that need it, so commands that do not use git start fast."""
