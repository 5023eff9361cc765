"""The version of the package, in a module of its own so that any part can read it without importing the API."""

__version__ = "0.1.0"
