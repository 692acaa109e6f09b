"""Drafts of decisions and their sanctions, as the decision rules piece them together."""

from __future__ import annotations

from dataclasses import dataclass, field

from enforcegraph.schema.citations import Citation

__all__ = ["ISSUER_RANK", "TARGET_RANK", "DecisionDraft", "SanctionDraft"]

@dataclass
class SanctionDraft:
    """What a decision imposes."""

    kind: str
    spans: list[tuple[int, int]]
    amount: float | int | None = None
    currency: str | None = None
    per: str | None = None
    statutory_maximum: bool = False
    description: str | None = None
    approximate: bool = False
    doubtful: bool = False          # a figure written against the text's own number format
    conversions: tuple[tuple[float | int, str], ...] = ()


@dataclass
class DecisionDraft:
    """A decision pieced together from one or more sentences."""

    regulator: str
    target: str | None
    spans: list[tuple[int, int]]
    confidence: float
    rules: list[str]
    sanctions: list[SanctionDraft] = field(default_factory=list)
    date: tuple[int, int, str] | None = None
    cites: list[tuple[Citation, tuple[int, int], bool]] = field(default_factory=list)
    appeal: tuple[int, int] | None = None
    decided_by: str | None = None
    summary: str | None = None
    earlier: bool = False           # an earlier or other decision recalled in the story
    issuer_how: str = "named"       # named | described | anaphor | cataphor | only
    target_how: str = "none"        # verb | sentence | listed | salient | none
    as_written: tuple[int, int] | None = None  # the target's short name, for an earlier decision
    period: str | None = None       # "2023-09", "2019": an earlier decision dated no closer
    published: str | None = None    # the issuer's own release, dated by its publication

    @property
    def evidence(self) -> dict[str, str]:
        """What the decision rests on, shown with it; its confidence is calibrated by the
        target's and the story's (loaders/extract/calibration.py), capped for a doubtful figure."""
        return {"issuer": self.issuer_how, "target": self.target_how,
                "money": ("doubtful" if any(s.doubtful for s in self.sanctions) else "fine")
                if any(s.amount is not None for s in self.sanctions) else "none",
                "earlier": "yes" if self.earlier else "no"}

    @property
    def kind(self) -> str:
        """The decision kind the sanctions suggest."""
        kinds = {s.kind for s in self.sanctions}
        if "fine" in kinds:
            return "fine_decision"
        if "penalty_liquidation" in kinds:
            return "penalty_liquidation"
        if "proposed_fine" in kinds:
            return "proposed_fine"
        if "reprimand" in kinds and len(kinds) == 1:
            return "reprimand"
        return "order"


ISSUER_RANK = ("only", "cataphor", "anaphor", "described", "named")
TARGET_RANK = ("none", "salient", "listed", "sentence", "verb")
