"""The exceptions policyparse raises.

Every failure the library anticipates is a :class:`PolicyParseError`; anything
else escaping the library is a bug. The tree::

    PolicyParseError                  base; ``str(err)`` is one line
    └── InputError                    the input file cannot be used (``.path``)
        ├── MissingFileError              no such file, or not a regular file
        ├── UnsupportedFormatError    not a format policyparse reads
        ├── EncodingError             text whose encoding cannot be determined
        ├── CorruptFileError          a known format, but damaged
        ├── EncryptedFileError        password-protected
        ├── NoTextLayerError          a scanned PDF without text (OCR not enabled)
        ├── FileTooLargeError         over a size or page limit
        ├── EmptyDocumentError        readable, but holds no text
        └── DocumentTimeoutError      over the per-document time limit of a batch

Each class carries an ``exit_code`` that the command line uses (documented in
the README); the CLI prints ``policyparse: <path>: <message>`` and exits with it.
"""

from __future__ import annotations

from pathlib import Path

__all__ = [
    "CorruptFileError",
    "DocumentTimeoutError",
    "EmptyDocumentError",
    "EncodingError",
    "EncryptedFileError",
    "FileTooLargeError",
    "InputError",
    "MissingFileError",
    "NoTextLayerError",
    "PolicyParseError",
    "UnsupportedFormatError",
]


class PolicyParseError(Exception):
    """Base of every error policyparse raises on purpose."""

    exit_code = 1


class InputError(PolicyParseError):
    """The input cannot be read as a plan. ``path`` names it (None for in-memory text)."""

    exit_code = 2

    def __init__(self, message: str, path: str | Path | None = None) -> None:
        self.path = str(path) if path is not None else None
        self.message = " ".join(message.split())  # always one line
        super().__init__(f"{self.path}: {self.message}" if self.path else self.message)


class MissingFileError(InputError):
    exit_code = 3


class UnsupportedFormatError(InputError):
    exit_code = 4


class EncodingError(InputError):
    exit_code = 5


class CorruptFileError(InputError):
    exit_code = 6


class EncryptedFileError(InputError):
    exit_code = 7


class NoTextLayerError(InputError):
    exit_code = 8


class FileTooLargeError(InputError):
    exit_code = 9


class EmptyDocumentError(InputError):
    exit_code = 10


class DocumentTimeoutError(InputError):
    exit_code = 11
