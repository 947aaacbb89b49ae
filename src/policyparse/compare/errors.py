"""Errors of ``policyparse compare``, below :class:`policyparse.errors.PolicyParseError`::

    PolicyParseError
    └── CompareError                 base of the comparison's own failures (exit code 2)
        ├── UnknownReferenceError    ``--against`` names neither a bundled reference nor a file
        └── DataFileError            a reference or catalogue data file is missing or invalid

The command line prints ``policyparse: <message>`` on one line and exits with
``exit_code``.
"""

from __future__ import annotations

from policyparse.errors import PolicyParseError


class CompareError(PolicyParseError):
    exit_code = 2

    def __init__(self, message: str) -> None:
        self.message = " ".join(message.split())  # always one line
        super().__init__(self.message)


class UnknownReferenceError(CompareError):
    pass


class DataFileError(CompareError):
    pass
