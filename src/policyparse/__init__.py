"""policyparse: Vietnamese policy plans (kế hoạch, chương trình hành động) as typed data.

>>> import policyparse
>>> plan = "KẾ HOẠCH\\n\\nI. MỤC TIÊU\\n\\n- Tỷ lệ thất nghiệp dưới 3% đến năm 2030."
>>> doc = policyparse.parse_text(plan)
>>> [(t.comparator.value, t.value, t.unit.value, t.year) for t in doc.targets]
[('<', 3.0, 'percent', 2030)]
"""

from __future__ import annotations

from policyparse.batch import ParseResult, parse_many
from policyparse.compare import compare
from policyparse.errors import (
    CorruptFileError,
    DocumentTimeoutError,
    EmptyDocumentError,
    EncodingError,
    EncryptedFileError,
    FileTooLargeError,
    InputError,
    MissingFileError,
    NoTextLayerError,
    PolicyParseError,
    UnsupportedFormatError,
)
from policyparse.model import (
    SCHEMA_VERSION,
    Comparator,
    PlanDocument,
    QualitativeTarget,
    Section,
    SectionKind,
    Target,
    Task,
    Timeframe,
    TimeframeKind,
    Unit,
)
from policyparse.pipeline import parse, parse_text

__version__ = "0.1.0"

__all__ = [
    "SCHEMA_VERSION",
    "Comparator",
    "CorruptFileError",
    "DocumentTimeoutError",
    "EmptyDocumentError",
    "EncodingError",
    "EncryptedFileError",
    "FileTooLargeError",
    "InputError",
    "MissingFileError",
    "NoTextLayerError",
    "ParseResult",
    "PlanDocument",
    "PolicyParseError",
    "QualitativeTarget",
    "Section",
    "SectionKind",
    "Target",
    "Task",
    "Timeframe",
    "TimeframeKind",
    "Unit",
    "UnsupportedFormatError",
    "__version__",
    "compare",
    "parse",
    "parse_many",
    "parse_text",
]
