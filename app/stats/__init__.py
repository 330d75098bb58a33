"""Statistics: counts, heat map, monthly situation."""
