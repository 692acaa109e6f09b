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
_SPEAKER_BEFORE = re.compile(
    rf"(?P<who>{NAME})(?:\s+(?:spokesperson|spokesman|spokeswoman|representative|lawyer))?"
    rf"(?:,[^,:“”\"]{{1,80}}){{0,3}},?\s+{_SPEECH}\b"
)
_CONTINUE = re.compile(r"(?i)\b(?:the|this|its|his|her)\s+statement\b|['’]s\s+statement\b")
_REPORTED = re.compile(
    r"(?i)\b(?:claims?|claimed|reiterat\w+|repeat\w+|insist\w+|argu\w+|says|said|maintain\w+|den(?:y|ies|ied))"
    r"\b[^.;]{0,120}?\bthat\s+(?P<claim>[^.;:—]{12,})"
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
    found = ctx.parties.owner_of(re.sub(r"['’]s\s+\w+$", "", name))
    return found if found is not None and found.kind in ("company", "person") else None


_VERBS = r"(?:is|are|was|were|does|do|did|has|have|had|will|would|can|cannot)"
_CLAUSE_SPLIT = re.compile(
    r",\s+(?:and\s+)?(?=(?:it|we|they|he|she)\s+\w+|(?:does|do|did|is|are|has|have)\s+not\b)"
    rf"|,\s+and\s+(?=[A-Z][\w’']*(?:\s+[A-Z][\w’']*)*\s+{_VERBS}\b)"
)


def _claims_of(text: str, start: int, end: int) -> list[tuple[int, int, str]]:
    """The claims of a passage: its sentences, split where a new clause restates the subject."""
    claims = []
    for sentence in sentences(text[start:end]):
        pieces: list[tuple[int, int]] = []
        begin = sentence.start
        for cut in _CLAUSE_SPLIT.finditer(sentence.text):
            pieces.append((begin, sentence.start + cut.start()))
            begin = sentence.start + cut.end()
        pieces.append((begin, sentence.end))
        for a, b in pieces:
            piece = text[start + a : start + b].strip(" “”\"")
            if len(piece.split()) >= _MIN_WORDS:
                claims.append((start + a, start + b, piece))
    return claims


def _represented(ctx: Context, firm: Found | None) -> Found | None:
    """The client of an agency or law firm (the firm itself otherwise)."""
    if firm is None or not firm.roles:
        return firm
    for rel in ctx.parties.relations:
        if rel.end_name == firm.name:
            return ctx.parties.owner_of(rel.start_name)
    return ctx.parties.salient_firm()


def _about(ctx: Context, speaker: Found | None, channel: Found | None) -> Found | None:
    firm: Found | None = None
    if speaker is not None and speaker.kind == "company":
        firm = speaker
    elif speaker is not None and speaker.office_of:
        firm = ctx.parties.owner_of(speaker.office_of)
    if firm is None and channel is not None:
        firm = channel
    return _represented(ctx, firm) or ctx.parties.salient_firm()


def _is_regulator_voice(speaker: Found | None) -> bool:
    return speaker is not None and (speaker.office_of or "").startswith("regulator:")


def _open(ctx: Context, sentence: Sentence) -> StatementDraft | None:
    attributed = _ATTRIBUTED.search(sentence.text)
    agencies = [f for f in ctx.parties.found.values() if f.roles and any(
        sentence.start <= a < sentence.end for a, _ in f.spans)]
    channel = agencies[0] if agencies else None
    speaker = _party(ctx, attributed.group("person")) if attributed else _speaker_of(ctx, sentence)
    if speaker is None:
        firms = ctx.firms_in(sentence.start, sentence.end)
        speaker = firms[0][1] if firms and channel is None else None
    if (speaker is None and channel is None) or _is_regulator_voice(speaker):
        return None
    regulators = ctx.regulators_in(sentence.start, sentence.end)
    draft = StatementDraft(speaker or channel, channel if channel is not speaker else None,
                           _about(ctx, speaker, channel), [],
                           regulator=regulators[0].entry.id if regulators else None,
                           rules=["statement-opener"])
    draft.confidence = 0.8 if attributed or speaker is not None else 0.65
    return draft


def _add_speech(ctx: Context, draft: StatementDraft, sentence: Sentence,
                quotes: list[tuple[int, int]], used: set[tuple[int, int]]) -> None:
    """The reported clauses and the quotes of a sentence, as the draft's claims."""
    text = ctx.text
    for match in _REPORTED.finditer(sentence.text):
        claim = match.group("claim").strip(" ,“”\"")
        start = sentence.start + match.start("claim")
        if any(a <= sentence.start + match.start() < b for a, b in quotes):
            continue
        if len(claim.split()) >= _MIN_WORDS and not any(a <= start < b for a, b, _ in draft.claims):
            draft.claims.append((start, start + len(claim), claim))
    for start, end in quotes:
        if (start, end) in used or not (start < sentence.end and end > sentence.start):
            continue
        used.add((start, end))
        inside = any(a <= start and end <= b for a, b, _ in draft.claims)
        if len(text[start:end].split()) >= _MIN_WORDS and not inside:
            draft.spans.append((start, end))
            draft.claims += _claims_of(text, start, end)


def find_statements(ctx: Context) -> list[StatementDraft]:
    """Statements of the firms, their officers, agencies and counsel (regulators' words are
    evidence of decisions, not statements)."""
    drafts: list[StatementDraft] = []
    current: StatementDraft | None = None
    last_paragraph = 0
    quotes = find_quotes(ctx.text)
    used: set[tuple[int, int]] = set()
    for sentence in ctx.sentences:
        if _OPENER.search(sentence.text) and (opened := _open(ctx, sentence)) is not None:
            current, last_paragraph = opened, sentence.paragraph + 1
            drafts.append(current)
            _add_speech(ctx, current, sentence, quotes, used)
            if sentence.text.rstrip().endswith(":"):
                following = [s for s in ctx.sentences if s.paragraph == sentence.paragraph + 1]
                if following and not following[0].text.startswith(("“", '"')):
                    start, end = following[0].start, following[-1].end
                    current.spans.append((start, end))
                    current.claims += _claims_of(ctx.text, start, end)
                    current.rules.append("statement-block")
            continue
        said_by = _speaker_of(ctx, sentence)
        refers = current is not None and (bool(_CONTINUE.search(sentence.text)) or (
            said_by is not None and said_by in (current.speaker, current.channel, current.about)))
        if current is not None and refers:
            last_paragraph = sentence.paragraph
            current.rules.append("statement-continued")
            _add_speech(ctx, current, sentence, quotes, used)
        elif said_by is not None and not _is_regulator_voice(said_by) and any(
                a < sentence.end and b > sentence.start for a, b in quotes):
            current = StatementDraft(said_by, None, _about(ctx, said_by, None), [],
                                     rules=["quoted-speech"], confidence=0.75)
            last_paragraph = sentence.paragraph
            drafts.append(current)
            _add_speech(ctx, current, sentence, quotes, used)
        elif current is not None and sentence.paragraph - last_paragraph > 2:
            current = None
    return [d for d in drafts if d.claims]


def _speaker_of(ctx: Context, sentence: Sentence) -> Found | None:
    for pattern in (_SPEAKER_AFTER, _SPEAKER_BEFORE):
        for match in pattern.finditer(sentence.text):
            who = _party(ctx, match.group("who"))
            if who is not None:
                return who
    return None
