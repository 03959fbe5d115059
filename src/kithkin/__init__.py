"""Kithkin: a personal relationship manager for people who would rather have friends."""

__version__ = "0.1.0"
