"""The data-quality report of a load: every repair, every row held back, every gap."""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from enforcegraph.schema.records import Batch

__all__ = ["Issue", "QualityReport", "ReportedBatch"]


@dataclass(frozen=True)
class Issue:
    """One finding about one record: a repair, a held-back row, or a note."""

    record: str
    field: str
    rule: str
    message: str
    before: str | None = None
    after: str | None = None


@dataclass
class QualityReport:
    """What a loader did to a file beyond a plain mapping."""

    file: str
    format: str
    rows_read: int = 0
    rows_loaded: int = 0
    repairs: list[Issue] = field(default_factory=list)
    held_back: list[Issue] = field(default_factory=list)
    notes: list[Issue] = field(default_factory=list)
    figures: dict[str, Any] = field(default_factory=dict)

    def repair(self, record: str, fld: str, rule: str, message: str,
               before: str | None = None, after: str | None = None) -> None:
        """Record a repair."""
        self.repairs.append(Issue(record, fld, rule, message, before, after))

    def hold_back(self, record: str, fld: str, rule: str, message: str) -> None:
        """Record a row that is not loaded, and why."""
        self.held_back.append(Issue(record, fld, rule, message))

    def note(self, record: str, fld: str, rule: str, message: str) -> None:
        """Record a gap or a judgement that is not a repair (an unknown date, an anonymous party)."""
        self.notes.append(Issue(record, fld, rule, message))

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready dict."""
        return {
            "file": self.file,
            "format": self.format,
            "rows_read": self.rows_read,
            "rows_loaded": self.rows_loaded,
            "rows_held_back": len(self.held_back),
            "figures": self.figures,
            "counts": {
                "repairs": dict(sorted(Counter(i.rule for i in self.repairs).items())),
                "held_back": dict(sorted(Counter(i.rule for i in self.held_back).items())),
                "notes": dict(sorted(Counter(i.rule for i in self.notes).items())),
            },
            "repairs": [asdict(i) for i in self.repairs],
            "held_back": [asdict(i) for i in self.held_back],
            "notes": [asdict(i) for i in self.notes],
        }

    def summary(self) -> str:
        """A readable summary."""
        data = self.to_dict()
        lines = [
            f"Data-quality report: {self.file} ({self.format})",
            f"rows read: {self.rows_read}; loaded: {self.rows_loaded}; "
            f"held back: {len(self.held_back)}",
        ]
        for name, value in self.figures.items():
            lines.append(f"{name}: {value}")
        for section in ("held_back", "repairs", "notes"):
            issues: list[Issue] = getattr(self, section)
            lines.append("")
            lines.append(f"{section.replace('_', ' ')} ({len(issues)}):")
            for rule, count in data["counts"][section].items():
                lines.append(f"  {rule}: {count}")
            if section != "notes":
                for issue in issues:
                    change = f" [{issue.before!r} -> {issue.after!r}]" if issue.before else ""
                    lines.append(f"  - {issue.record} {issue.field}: {issue.message}{change}")
        return "\n".join(lines) + "\n"

    def write(self, path: Path) -> None:
        """JSON at ``path``; the readable summary next to it (``.txt``)."""
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(self.to_dict(), indent=2, ensure_ascii=False) + "\n", "utf-8")
        summary = path.with_suffix(".txt") if path.suffix != ".txt" else path.with_suffix(".summary.txt")
        summary.write_text(self.summary(), "utf-8")


@dataclass
class ReportedBatch(Batch):
    """A batch that carries the quality report of the file it came from."""

    report: QualityReport | None = None
