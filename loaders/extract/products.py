"""Products and brands named with the firm that makes or runs them ("ChatGPT maker OpenAI",
"Instagram, owned by Meta Platforms Ireland Limited", "la marque X du groupe Y SA"): the product is
only mentioned, and a decision against it goes against its maker. Patterns with the groups
``product`` and ``firm``."""

from __future__ import annotations

from enforcegraph.loaders.extract.names import DESCRIPTOR_WORD, NAME, PRODUCT_NOUN
from enforcegraph.loaders.extract.roles import WITH_LEGAL_FORM

__all__ = ["PRODUCT_OF"]

PRODUCT_OF: list[str] = [
    # "fined the Replika chatbot", "the TikTok app": a name before a product's noun names the product
    # (one product after "the", not a descriptor: "the ByteDance-owned app", "Norwegian websites")
    rf"(?<=\b[Tt]he\s)(?!{DESCRIPTOR_WORD})(?P<product>{NAME})[^\S\n]+(?:chatbot|app|application|website|browser|game|"
    rf"assistant|smart\s+speaker|voice\s+assistant|search\s+engine|messaging\s+service|streaming\s+service)\b",
    # "ChatGPT maker OpenAI", "Instagram owner Meta"
    rf"(?P<product>{NAME})\s+{PRODUCT_NOUN}\s+(?P<firm>{NAME})",
    # "Meta Platforms Ireland Limited, which runs Instagram"; "the company behind Replika"
    rf"(?P<firm>{NAME}),?\s+(?:which|that|who)\s+(?:runs|operates|owns|makes|develops|publishes)\s+"
    rf"(?:the\s+)?(?:[a-z][\w\-]*\s+){{0,3}}(?P<product>{NAME})",
    # "Instagram, owned by Meta Platforms Ireland Limited": the legal entity is the firm
    rf"(?P<product>{NAME}),\s+(?:owned|operated|run|developed|made|published)\s+by\s+(?P<firm>{WITH_LEGAL_FORM})",
    # "the company behind the Replika chatbot, Luka Inc."
    rf"\b(?:company|firm|maker|developer|owner|operator|creator)\s+(?:behind|of)\s+(?:the\s+)?(?P<product>{NAME})"
    rf"(?:\s+[a-z][\w\-]*){{0,2}},\s+(?P<firm>{NAME})",
    # "Snapgram, the photo app owned by X Limited", "Lumo, the chatbot developed by X Inc.": the owner is the firm
    rf"(?P<product>{NAME}),\s+(?:the|a|an|its)\s+(?:[\w\-]+\s+){{0,3}}?(?:owned|operated|run|developed|made|published|"
    rf"created|built)\s+by\s+(?P<firm>{WITH_LEGAL_FORM})",
    # "Ciclo, l'app di consegne di X Srl", "Y, la plateforme de Z SAS": the app of a firm with its legal form
    rf"(?P<product>{NAME}),\s+(?:l['’]\s*|la\s+|il\s+|lo\s+|el\s+|the\s+)(?:app|applicazione|piattaforma|servizio|"
    rf"application|plateforme|service|aplicación|plataforma|servicio|platform)\b[^,.;]{{0,40}}?\s+(?:di|de|du|del|della|des|of)\s+"
    rf"(?P<firm>{WITH_LEGAL_FORM})",
    # "la società statunitense che gestisce il social network Clubhouse"
    rf"(?:che\s+gestisce|qui\s+exploite|die\s+betreibt|dat\s+beheert|que\s+gestiona)\s+"
    rf"(?:[a-zà-ÿ][\w\-]*\s+){{0,4}}(?P<product>{NAME})",
    # "Instagram is owned by Meta Platforms Ireland Limited", "X is a service of Y GmbH": the owner is the firm
    rf"(?P<product>{NAME})\s+(?:is|was)\s+(?:owned|operated|run|developed|made|published|provided)\s+by\s+"
    rf"(?P<firm>{WITH_LEGAL_FORM})",
    rf"(?P<product>{NAME})\s+(?:is|was)\s+(?:a|an|the)\s+(?:[a-z][\w\-]*\s+){{0,2}}(?:app|service|product|brand|platform)\s+"
    rf"(?:of|by|from)\s+(?P<firm>{WITH_LEGAL_FORM})",
    # "la marque X du groupe Y SA", "das Portal X der Y GmbH", "het merk X van Y B.V."
    rf"(?:marque|enseigne|Marke|Portal|merk|marca|marchio)\s+(?P<product>{NAME})\s+(?:du\s+groupe|de\s+la\s+société|de|du|der|des|van|de\s+la|di|della|del)\s+"
    rf"(?P<firm>{WITH_LEGAL_FORM})",
]
