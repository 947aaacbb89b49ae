"""Compare plans with a reference (Resolution 42's targets, or another plan).

>>> import policyparse
>>> result = policyparse.compare("corpora/tinh-uy-kh-nq42.txt", against="nq42")  # doctest: +SKIP
>>> [(r.indicator_id, r.relation.value) for r in result.rows][:1]  # doctest: +SKIP
[('merit_families_living_standard', 'equal')]

Stages, one module each: ``catalogue`` (the indicator data file), ``text``
(normalised, segmented Vietnamese), ``match`` (targets → indicators),
``reference`` (bundled data or a plan as the reference), ``relate`` (stricter,
equal, ...), ``pair`` (rows of a comparison), ``matrix`` (several plans), and
the exporters ``export_markdown``, ``export_csv``, ``export_html``.
"""

from __future__ import annotations

from policyparse.compare.api import compare, compare_many

__all__ = ["compare", "compare_many"]
