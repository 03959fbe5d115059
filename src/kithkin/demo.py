"""The sample network (placeholder replaced below)."""
