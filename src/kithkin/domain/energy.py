"""Energy accounting: who fuels you, who drains you, and the evidence for it."""

from __future__ import annotations

from dataclasses import dataclass

from kithkin.domain.facts import PersonFacts

#: A decay-weighted mean energy at least this high makes a fueller ...
FUELLER_AT = 0.75
#: ... and at most this low a drainer.
DRAINER_AT = -0.75
#: Fewer rated moments than this and the label stays "unknown": one bad day is not a pattern.
MIN_RATED = 2
#: Lately's mean this far above or below the long-run mean is a rising or falling trend.
TREND_STEP = 0.5

LABELS = ("fueller", "neutral", "drainer", "unknown")
#: Each label in a few plain words, for people reading it.
LABEL_WORDS = {
    "fueller": "fuels you",
    "neutral": "neutral",
    "drainer": "drains you",
    "unknown": "not rated yet",
}


@dataclass(frozen=True)
class EnergyReading:
    """How time with a person tends to leave you."""

    label: str  # one of LABELS
    mean: float | None  # decay-weighted mean, −2 … +2 (slow half-life)
    lately: float | None  # the same with the fast half-life
    trend: str  # "rising", "falling", "steady" or "unknown"
    rated: int
    fuelled: int
    drained: int

    def evidence(self) -> str:
        """The reading in plain words: 'fuelled you 5 of 6 times (mean +1.7)'."""
        if self.mean is None:
            return "no moment rated yet"
        parts = []
        if self.fuelled:
            parts.append(f"fuelled you {self.fuelled} of {self.rated} times")
        if self.drained:
            parts.append(f"drained you {self.drained} of {self.rated} times")
        if not parts:
            parts.append(f"{self.rated} rated moments, none strong either way")
        text = ", ".join(parts) + f" (mean {self.mean:+.1f}"
        if self.trend in ("rising", "falling"):
            text += f", {self.trend} lately"
        return text + ")"


def energy_reading(facts: PersonFacts) -> EnergyReading:
    """Label a person by the energy of their moments.

    mean = Σ wᵢ·eᵢ / Σ wᵢ over rated moments, wᵢ = 2^(−ageᵢ / HALF_LIFE_SLOW) (the decay
    scale cancels, so no date is needed); lately is the same with HALF_LIFE_FAST.
    fueller when mean ≥ FUELLER_AT, drainer when mean ≤ DRAINER_AT, neutral between, and
    unknown with fewer than MIN_RATED rated moments. trend compares lately with mean.
    """
    if facts.rated == 0 or facts.ew_slow <= 0:
        return EnergyReading("unknown", None, None, "unknown", 0, 0, 0)
    mean = facts.e_slow / facts.ew_slow
    lately = facts.e_fast / facts.ew_fast if facts.ew_fast > 0 else mean
    if facts.rated < MIN_RATED:
        label = "unknown"
    elif mean >= FUELLER_AT:
        label = "fueller"
    elif mean <= DRAINER_AT:
        label = "drainer"
    else:
        label = "neutral"
    trend = "steady"
    if facts.rated < MIN_RATED:
        trend = "unknown"
    elif lately - mean >= TREND_STEP:
        trend = "rising"
    elif mean - lately >= TREND_STEP:
        trend = "falling"
    return EnergyReading(label, mean, lately, trend, facts.rated, facts.fuelled, facts.drained)
