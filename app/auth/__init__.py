"""Users, password login and bearer tokens."""
