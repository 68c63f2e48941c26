"""Exceptions a user can cause.  Each message names the file, line or value and what to do.

The CLI turns a :class:`KGError` into one line on stderr and a non-zero exit code; no
traceback reaches the user for these.
"""

from __future__ import annotations


class KGError(Exception):
    """Base class of errors caused by input or usage (not by bugs)."""

    exit_code = 2


class InputError(KGError):
    """An input path or record cannot be read or makes no sense."""


class ConfigError(KGError):
    """A configuration value or command-line option is invalid."""


class StoreError(KGError):
    """The store cannot be opened or written."""


class QueryError(KGError):
    """A SPARQL query is malformed or refers to an unknown named query/parameter."""
