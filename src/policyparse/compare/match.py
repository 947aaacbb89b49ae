"""Plan targets matched to catalogue indicators, each match with a confidence in [0, 1].

A target is compared with an indicator only if the indicator's ``requires`` and
``excludes`` phrases, its unit and its scope words all agree with the target
(see ``data/vi/indicators.toml``); never across units. Among those indicators
the score is how many of the indicator's name words the target holds (recall,
weight 0.65) and how many of the target's words the name holds (precision,
0.35), words weighted by their syllables, the best name of the indicator
counting; a scope word the indicator names but the target does not costs a
fifth of the score.

A target's best indicator is used when it scores at least :data:`ACCEPT` and
beats the runner-up by :data:`TIE_MARGIN`; otherwise the target is *weak* or
*tied*, reported and not used.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from policyparse.compare.catalogue import Catalogue, Indicator
from policyparse.compare.text import Forms, contains
from policyparse.model import QualitativeTarget, Target

ACCEPT = 0.5
"""The lowest confidence at which a match is used."""

TIE_MARGIN = 0.05
"""A runner-up this close to the best makes the match a tie."""

SCOPE_PENALTY = 0.8
"""Factor for each scope word the indicator names and the target does not."""

_RECALL_WEIGHT = 0.65


class Status(StrEnum):
    MATCHED = "matched"
    WEAK = "weak"  # best below ACCEPT
    TIED = "tied"  # runner-up within TIE_MARGIN
    UNIT = "unit"  # the words match an indicator of another unit
    NONE = "none"  # no indicator agrees at all


@dataclass(frozen=True)
class Scored:
    indicator_id: str
    confidence: float
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class Decision:
    """What matching decided for one target."""

    target: Target | QualitativeTarget
    status: Status
    best: Scored | None
    candidates: tuple[Scored, ...] = field(default=())
    reason: str = ""

    @property
    def indicator_id(self) -> str | None:
        return self.best.indicator_id if self.status is Status.MATCHED and self.best else None


def target_phrase(target: Target | QualitativeTarget) -> str:
    """The words of a target that say what it measures."""
    if isinstance(target, Target):
        return f"{target.indicator} {target.scope or ''}"
    return target.text


class Matcher:
    """Matches targets against one catalogue."""

    def __init__(self, catalogue: Catalogue) -> None:
        self.catalogue = catalogue
        self.forms = Forms(catalogue)

    def score(self, target: Target | QualitativeTarget, indicator: Indicator) -> Scored | None:
        """The confidence that ``target`` measures ``indicator``; None if they disagree."""
        if not self._unit_agrees(target, indicator):
            return None
        return self._score_words(target, indicator)

    def decide(self, target: Target | QualitativeTarget) -> Decision:
        """The indicator ``target`` measures, or why none is chosen."""
        scored = [s for ind in self.catalogue.indicator if (s := self.score(target, ind))]
        scored.sort(key=lambda s: (-s.confidence, s.indicator_id))
        if not scored:
            return self._unit_mismatch(target)
        best = scored[0]
        top = tuple(scored[:3])
        if best.confidence < ACCEPT:
            reason = f"best match {best.indicator_id} is weak ({best.confidence:.2f} < {ACCEPT})"
            return Decision(target, Status.WEAK, best, top, reason)
        if len(scored) > 1 and best.confidence - scored[1].confidence < TIE_MARGIN:
            reason = (
                f"tie between {best.indicator_id} ({best.confidence:.2f}) and "
                f"{scored[1].indicator_id} ({scored[1].confidence:.2f})"
            )
            return Decision(target, Status.TIED, best, top, reason)
        return Decision(target, Status.MATCHED, best, top)

    # -- internals

    @staticmethod
    def _unit_agrees(target: Target | QualitativeTarget, indicator: Indicator) -> bool:
        if isinstance(target, QualitativeTarget):
            return True  # an aim without a number may state any indicator
        return indicator.unit is not None and indicator.unit == target.unit

    def _unit_mismatch(self, target: Target | QualitativeTarget) -> Decision:
        """No indicator of the target's unit agrees: say so if one of another unit does."""
        others = [s for ind in self.catalogue.indicator if (s := self._score_words(target, ind))]
        others = [s for s in others if s.confidence >= ACCEPT]
        if not others or not isinstance(target, Target):
            return Decision(target, Status.NONE, None)
        best = max(others, key=lambda s: (s.confidence, s.indicator_id))
        indicator = self.catalogue.by_id()[best.indicator_id]
        unit = indicator.unit.value if indicator.unit else "qualitative"
        reason = (
            f"the words match {best.indicator_id} ({best.confidence:.2f}), but its unit is "
            f"{unit} and the plan's is {target.unit.value}: not matched across units"
        )
        return Decision(target, Status.UNIT, best, (best,), reason)

    def _score_words(
        self, target: Target | QualitativeTarget, indicator: Indicator
    ) -> Scored | None:
        form = self.forms.form(target_phrase(target))
        for group in indicator.requires:
            if not any(contains(form, self.forms.form(p).strip()) for p in group):
                return None
        if any(contains(form, self.forms.form(p).strip()) for p in indicator.excludes):
            return None
        factor, notes = self._scope_factor(form, indicator)
        if factor == 0.0:
            return None
        best = max(self._similarity(form, target, name) for name in indicator.names)
        confidence = round(min(1.0, best * factor), 3)
        return Scored(indicator.id, confidence, tuple(notes))

    def _scope_factor(self, form: str, indicator: Indicator) -> tuple[float, list[str]]:
        factor = 1.0
        notes: list[str] = []
        for group, words in self.catalogue.scope_groups.items():
            stated = {w for w in words if contains(form, w)}
            wanted = indicator.scope.get(group)
            if wanted is None:
                if stated:
                    return 0.0, []  # the target is narrower than the indicator
                continue
            if not stated:
                factor *= SCOPE_PENALTY
                notes.append(f"the plan does not say '{wanted}'")
            elif stated != {wanted}:
                if wanted not in stated:
                    return 0.0, []
                factor *= SCOPE_PENALTY
                notes.append(f"the plan names several of: {', '.join(sorted(stated))}")
        return factor, notes

    def _similarity(self, form: str, target: Target | QualitativeTarget, name: str) -> float:
        name_terms = self.forms.terms(name)
        target_terms = self.forms.terms(target_phrase(target))
        if not name_terms or not target_terms:
            return 0.0
        name_form = self.forms.form(name)
        recall = _weighted(name_terms, form)
        precision = _weighted(target_terms, name_form)
        return _RECALL_WEIGHT * recall + (1 - _RECALL_WEIGHT) * precision


def _weighted(terms: tuple[str, ...], form: str) -> float:
    """The share of ``terms`` found in ``form``, each weighted by its syllables."""
    total = sum(len(t.split()) for t in terms)
    found = sum(len(t.split()) for t in terms if contains(form, t))
    return found / total if total else 0.0
