"""Which encoder to use: the model when it loads, else the lexical fallback (said once)."""

from __future__ import annotations

import os

from kithkin.semantic.encoder import MODEL, Encoder, ModelUnavailable, Spec

#: Set to "lexical" to turn semantic matching off on purpose.
CHOICE_ENV = "KITH_EMBEDDINGS"
FALLBACK_NOTICE = (
    "Semantic matching is off: {why}. Interests are matched by their words instead "
    '("rock climbing" will not find "bouldering"). Reinstall Kithkin to bring the model back.'
)

_loaded: Encoder | None = None
_why_not: str | None = None


def encoder() -> Encoder:
    """The encoder for this process (loaded once; the model if it can be)."""
    global _loaded, _why_not
    if _loaded is None:
        from kithkin.semantic.lexical import LexicalEncoder

        if os.environ.get(CHOICE_ENV, "").strip().lower() == "lexical":
            _why_not = f"{CHOICE_ENV}=lexical is set"
            _loaded = LexicalEncoder()
        else:
            try:
                from kithkin.semantic.minilm import MiniLMEncoder

                _loaded = MiniLMEncoder()
            except ModelUnavailable as exc:
                _why_not = str(exc)
                _loaded = LexicalEncoder()
    return _loaded


def spec() -> Spec:
    """What matching will use, without loading anything: the model's spec unless it is
    turned off or failed to load earlier in this process."""
    from kithkin.semantic.lexical import LEXICAL

    if _loaded is not None:
        return LEXICAL if not _loaded.semantic else MODEL
    if os.environ.get(CHOICE_ENV, "").strip().lower() == "lexical":
        return LEXICAL
    return MODEL


def fallback_notice() -> str | None:
    """The one plain sentence to show when the model could not be used (else None)."""
    encoder()
    return FALLBACK_NOTICE.format(why=_why_not) if _why_not else None


def reset() -> None:
    """Forget the loaded encoder (tests switch between model and fallback)."""
    global _loaded, _why_not
    _loaded, _why_not = None, None
