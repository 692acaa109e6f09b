"""Statements: quoted or reported speech of a party, with speaker, channel and claims."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from enforcegraph.loaders.extract.context import Context
from enforcegraph.loaders.extract.names import NAME, PERSON, ROLE
from enforcegraph.loaders.extract.parties import Found
from enforcegraph.loaders.extract.text import Sentence, find_quotes, sentences

__all__ = ["StatementDraft", "find_statements"]

_OPENER = re.compile(
    r"(?i)\b(?:sent|issued|gave|provided|emailed|released|shared)\s+(?:\w+\s+){0,3}?"
    r"(?:this|a|the|an)\s+(?:\w+\s+)?statement\b|\bin\s+(?:a|an|this)\s+(?:\w+\s+){0,2}statement\b|"
    r"\bsaid\s+in\s+(?:a|an)\s+(?:\w+\s+)?statement\b"
)
_ATTRIBUTED = re.compile(rf"\battributed\s+to\s+(?:(?i:{ROLE})\s+)?(?P<person>{PERSON})")
_SPEECH = r"(?:said|says|told|added|adding|concludes|concluded|wrote|writes|stated|argued|argues|insisted|insists|claimed|claims|denied|denies)"
_SPEAKER_AFTER = re.compile(rf"[,”\"]\s*{_SPEECH}\s+(?:the\s+)?(?P<who>{NAME}(?:['’]s\s+(?:PR|\w+))?)")
_SPEAKER_BEFORE = re.compile(rf"(?P<who>{NAME})(?:,[^,]{{0,80}},)?\s+{_SPEECH}\b")
_CONTINUE = re.compile(r"(?i)\b(?:the|this|its|his|her)\s+statement\b|['’]s\s+statement\b")
_REPORTED = re.compile(
    r"(?i)\b(?:claims?|claimed|reiterat\w+|repeat\w+|insist\w+|argu\w+|says|said|maintain\w+|den(?:y|ies|ied))"
    r"\b[^.;]{0,120}?\bthat\s+(?P<claim>[^.;—]{12,})"
)
_MIN_WORDS = 5


@dataclass
class StatementDraft:
    """A statement pieced together from the sentences and quotes that carry it."""

    speaker: Found | None
    channel: Found | None
    about: Found | None
    spans: list[tuple[int, int]]
    claims: list[tuple[int, int, str]] = field(default_factory=list)
    regulator: str | None = None
    confidence: float = 0.7
    rules: list[str] = field(default_factory=list)

    def text(self, article: str) -> str:
        """The statement as published: its quoted and block passages, in order."""
        return " ".join(article[a:b] for a, b in sorted(self.spans))


def _party(ctx: Context, name: str) -> Found | None:
    found = ctx.parties.owner_of(name.replace("’s PR", "").replace("'s PR", ""))
    return found if found is not None and found.kind in ("company", "person") else None


def _claims_of(text: str, start: int, end: int) -> list[tuple[int, int, str]]:
    claims = []
    for sentence in sentences(text[start:end]):
        words = sentence.text.split()
        if len(words) >= _MIN_WORDS:
            claims.append((start + sentence.start, start + sentence.end, sentence.text.strip(" “”\"")))
    return claims


def _open(ctx: Context, sentence: Sentence) -> StatementDraft | None:
    attributed = _ATTRIBUTED.search(sentence.text)
    firms = ctx.firms_in(sentence.start, sentence.end)
    agencies = [f for f in ctx.parties.found.values() if f.roles and any(
        sentence.start <= a < sentence.end for a, _ in f.spans)]
    speaker = _party(ctx, attributed.group("person")) if attributed else None
    channel = agencies[0] if agencies else None
    firm = firms[0][1] if firms else ctx.parties.salient_firm()
    if speaker is None:
        speaker = firm if channel is None else None
    if speaker is None and channel is None:
        return None
    regulators = ctx.regulators_in(sentence.start, sentence.end)
    draft = StatementDraft(speaker or channel, channel, firm, [], regulator=regulators[0].entry.id if regulators else None,
                           rules=["statement-opener"])
    draft.confidence = 0.8 if attributed else 0.65
    return draft


def find_statements(ctx: Context) -> list[StatementDraft]:
    """Statements of the firms, their officers and agencies (regulators' words are evidence
    of decisions, not statements)."""
    text = ctx.text
    drafts: list[StatementDraft] = []
    current: StatementDraft | None = None
    last_paragraph = 0
    quotes = find_quotes(text)
    for sentence in ctx.sentences:
        if _OPENER.search(sentence.text):
            current = _open(ctx, sentence)
            if current is not None:
                last_paragraph = sentence.paragraph + 1
                drafts.append(current)
                if sentence.text.rstrip().endswith(":"):
                    following = [s for s in ctx.sentences if s.paragraph == sentence.paragraph + 1]
                    if following and not following[0].text.startswith(("“", '"')):
                        start, end = following[0].start, following[-1].end
                        current.spans.append((start, end))
                        current.claims += _claims_of(text, start, end)
                        current.rules.append("statement-block")
                continue
        if current is None:
            current = _quoted_party_speech(ctx, sentence, quotes, drafts)
            last_paragraph = sentence.paragraph
            continue
        in_sentence = [(a, b) for a, b in quotes if a < sentence.end and b > sentence.start]
        said_by = _speaker_of(ctx, sentence)
        refers = bool(_CONTINUE.search(sentence.text)) or (
            said_by is not None and said_by in (current.speaker, current.channel, current.about)
        )
        if not refers:
            if sentence.paragraph - last_paragraph > 2:
                current = None
            continue
        last_paragraph = sentence.paragraph
        current.rules.append("statement-continued")
        for match in _REPORTED.finditer(sentence.text):
            claim = match.group("claim").strip(" ,“”\"")
            start = sentence.start + match.start("claim")
            if not any(a <= start < b for a, b, _ in current.claims):
                current.claims.append((start, start + len(claim), claim))
        for start, end in in_sentence:
            inside = any(a <= start and end <= b for a, b, _ in current.claims)
            if len(text[start:end].split()) >= _MIN_WORDS and not inside and (start, end) not in current.spans:
                current.spans.append((start, end))
                current.claims += _claims_of(text, start, end)
    return [d for d in drafts if d.claims]


def _speaker_of(ctx: Context, sentence: Sentence) -> Found | None:
    for pattern in (_SPEAKER_AFTER, _SPEAKER_BEFORE):
        for match in pattern.finditer(sentence.text):
            who = _party(ctx, match.group("who"))
            if who is not None:
                return who
    return None


def _quoted_party_speech(ctx: Context, sentence: Sentence, quotes: list[tuple[int, int]],
                         drafts: list[StatementDraft]) -> StatementDraft | None:
    """A quote said by a firm or its officer opens a statement of its own."""
    in_sentence = [(a, b) for a, b in quotes if sentence.start <= a < sentence.end]
    if not in_sentence:
        return None
    speaker = _speaker_of(ctx, sentence)
    if speaker is None or (speaker.office_of or "").startswith("regulator:"):
        return None
    firm = ctx.parties.owner_of(speaker.office_of) if speaker.office_of else speaker
    draft = StatementDraft(speaker, None, firm if firm and firm.kind == "company" else None, [],
                           rules=["quoted-speech"], confidence=0.75)
    for start, end in in_sentence:
        if len(ctx.text[start:end].split()) >= _MIN_WORDS:
            draft.spans.append((start, end))
            draft.claims += _claims_of(ctx.text, start, end)
    if draft.claims:
        drafts.append(draft)
        return draft
    return None
