"""thesis."""
