"""The language of an article, so English-only components are not run on other languages.

Detection uses py3langid (a maintained fork of langid.py, BSD-3): its model ships in
the wheel (4.6 MB; lingua-language-detector's is 96 MB), loads in about a second and
classifies an article in well under a millisecond. It is loaded once per process, lazily.

Short texts are where language identifiers go wrong (a 20-character English headline
can come out as Tagalog or Danish), so detection only overrides the default, English,
when the text has at least :data:`MIN_LETTERS` letters AND the best language has a
normalised probability of at least :data:`MIN_CONFIDENCE`. Below either, the article is
English. ``--language CODE`` on ``newsgraph ingest`` skips detection and sets the code.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

#: What every article is unless detection is sure otherwise (our components are English).
DEFAULT_LANGUAGE = "en"
#: Fewer letters than this: too short to tell, the article stays English.
MIN_LETTERS = 40
#: A normalised probability below this: not sure enough, the article stays English.
MIN_CONFIDENCE = 0.90
#: Only the first this many characters are looked at (plenty to tell, and bounded time).
SAMPLE_CHARS = 5000

_CODE = re.compile(r"^[a-z]{2,3}$")


@dataclass(frozen=True)
class Detection:
    language: str  # ISO 639-1 code (py3langid's labels), "en" by default
    confidence: float | None  # the detector's probability; None when it was not asked
    method: str  # "detected", "default: too short", "default: unsure", "flag"


def validate_language(code: str | None) -> str | None:
    """A ``--language`` value, lower-cased; ValueError unless it looks like an ISO 639 code."""
    if code is None:
        return None
    code = code.strip().lower()
    if not _CODE.match(code):
        raise ValueError(f"--language must be an ISO 639 code such as en, fr or ru, not {code!r}")
    return code


@lru_cache(maxsize=1)
def _identifier():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect_language(text: str) -> Detection:
    """The language of ``text``, English unless the text is long enough and the detector sure."""
    sample = text[:SAMPLE_CHARS]
    if sum(1 for ch in sample if ch.isalpha()) < MIN_LETTERS:
        return Detection(DEFAULT_LANGUAGE, None, "default: too short")
    code, confidence = _identifier().classify(sample)
    confidence = float(confidence)
    if code == DEFAULT_LANGUAGE:
        return Detection(code, confidence, "detected")
    if confidence < MIN_CONFIDENCE or not _CODE.match(str(code)):
        return Detection(DEFAULT_LANGUAGE, confidence, "default: unsure")
    return Detection(str(code), confidence, "detected")


def is_english(language: str | None) -> bool:
    return (language or DEFAULT_LANGUAGE) == DEFAULT_LANGUAGE


def skipped_note(language: str) -> str:
    """The note on an article whose language our components do not analyse."""
    return (f"language {language!r}: not analysed (entities, time expressions, quotes and events "
            "are extracted from English only); the text is stored and searchable")
