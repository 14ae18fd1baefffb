"""Sub-commands other than check."""
