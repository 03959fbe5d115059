"""Depth of a relationship, and drift: a once-close relationship fading.

Nothing here reads organisation or title: they are not even passed in.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date

from kithkin.domain.facts import HALF_LIFE_FAST, HALF_LIFE_SLOW, PersonFacts, decay_scale

#: Decayed moment count at which the recency-frequency part reaches one half.
F_HALF = 4.0
#: Weights of the base, the depth and the mutuality parts (they sum to 1).
W_BASE, W_DEPTH, W_MUTUAL = 0.4, 0.4, 0.2
#: Mutuality assumed when nothing says who initiates or gives.
MUTUAL_UNKNOWN = 0.5
#: Score bands for labels, highest first.
BANDS = ((55, "deep"), (30, "warm"), (10, "light"), (0, "faint"))
#: Drift: a past intensity (depth-weighted moments a year) at least this high was close ...
CLOSE_PER_YEAR = 12.0
#: ... and lately's intensity below this share of the past is drifting.
DRIFT_RATIO = 0.5


@dataclass(frozen=True)
class DepthScore:
    """A relationship's depth, 0 … 100, and the parts it is made of (each 0 … 1)."""

    score: int
    label: str
    recency: float
    depth: float
    mutuality: float


def mutuality(facts: PersonFacts) -> float:
    """Balance of initiative and of giving, 0 (one-sided) … 1 (even).

    initiative I = 1 − |2·s − 1| with s = (them + mutual/2) / (me + them + mutual);
    ledger L = 1 − |gave − received| / (gave + received), by size; the mean of those
    known, MUTUAL_UNKNOWN when neither is.
    """
    known = []
    total = facts.by_me + facts.by_them + facts.by_both
    if total:
        share = (facts.by_them + facts.by_both / 2) / total
        known.append(1 - abs(2 * share - 1))
    g, r = facts.gave_size, facts.received_size
    if g + r:
        known.append(1 - abs(g - r) / (g + r))
    return sum(known) / len(known) if known else MUTUAL_UNKNOWN


def depth_score(facts: PersonFacts, today: date) -> DepthScore:
    """Depth from the depth, frequency, recency and mutuality of the moments.

    score = 100 · R · (W_BASE + W_DEPTH·D + W_MUTUAL·M), where
    R = 1 − 2^(−F / F_HALF) with F = Σ 2^(−ageᵢ / HALF_LIFE_SLOW) (frequency and recency),
    D = (mean depth − 1) / 2 with surface 1, personal 2, vulnerable 3 (0 when unrated),
    M = :func:`mutuality`.
    """
    f = facts.w_slow * decay_scale(today, HALF_LIFE_SLOW)
    r = 1 - 2.0 ** (-f / F_HALF)
    d = (facts.d_slow / facts.dw_slow - 1) / 2 if facts.dw_slow > 0 else 0.0
    m = mutuality(facts)
    score = round(100 * r * (W_BASE + W_DEPTH * d + W_MUTUAL * m))
    label = next(name for low, name in BANDS if score >= low)
    return DepthScore(score, label, round(r, 4), round(d, 4), round(m, 4))


@dataclass(frozen=True)
class Drift:
    """How often (moments a year) and how deep you met, in the past and lately."""

    past_per_year: float
    lately_per_year: float
    past_depth: float
    lately_depth: float

    def words(self) -> str:
        """'you used to meet about 2 times a month, lately about 3 times a year'."""
        text = (
            f"you used to meet about {_per(self.past_per_year)}, "
            f"lately {_per(self.lately_per_year)}"
        )
        if self.lately_depth < self.past_depth - 0.4:
            text += ", and less deeply"
        return text


def _per(per_year: float) -> str:
    if per_year >= 24:
        return f"{per_year / 12:.0f} times a month"
    if per_year >= 1.5:
        return f"{per_year:.0f} times a year"
    return "hardly at all"


def _rate(w: float, dw: float, dsum: float, today: date, half_life: int) -> tuple[float, float]:
    """(moments a year, mean depth): steady-state rate F · ln2 / H · 365, depth 1 if unrated."""
    per_year = w * decay_scale(today, half_life) * math.log(2) / half_life * 365
    return per_year, (dsum / dw if dw > 0 else 1.0)


def drift(facts: PersonFacts, today: date) -> Drift | None:
    """A once-close relationship whose recent intensity fell well below its own past.

    intensity_H = (F_H · ln2 / H · 365) · mean depth_H, F_H the decayed count with
    half-life H (a steady rhythm of n moments a year gives n); past uses
    HALF_LIFE_SLOW, lately HALF_LIFE_FAST. Drifting when past ≥ CLOSE_PER_YEAR and
    lately < DRIFT_RATIO · past.
    """
    if not facts.moments:
        return None
    past, past_depth = _rate(facts.w_slow, facts.dw_slow, facts.d_slow, today, HALF_LIFE_SLOW)
    lately, lately_depth = _rate(facts.w_fast, facts.dw_fast, facts.d_fast, today, HALF_LIFE_FAST)
    if past * past_depth >= CLOSE_PER_YEAR and lately * lately_depth < DRIFT_RATIO * (
        past * past_depth
    ):
        return Drift(round(past, 1), round(lately, 1), round(past_depth, 2), round(lately_depth, 2))
    return None
