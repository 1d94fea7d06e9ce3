"""Checks of the published site (placeholder replaced below)."""
