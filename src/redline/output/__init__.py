"""Output formats for coded documents."""
