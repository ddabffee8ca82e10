"""Program and plan documents: a view model, sandboxed templates, safe output."""
