"""IN lists are padded to a few lengths, and padding never changes what matches."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from kithkin.storage.rows import PAD_UP_TO, padded


@given(st.lists(st.integers(min_value=1, max_value=10**6), max_size=300))
def test_padding_keeps_the_same_ids_at_a_power_of_two_length(ids: list[int]) -> None:
    out = padded(ids)
    assert set(out) == set(ids)
    assert out[: len(ids)] == ids
    if len(ids) > PAD_UP_TO:
        assert out == ids  # long lists stay well inside the databases' parameter limits
    elif ids:
        assert len(out) & (len(out) - 1) == 0  # a power of two
        assert len(ids) <= len(out) < 2 * len(ids)
    else:
        assert out == []


def test_a_person_page_uses_few_statement_texts(kith) -> None:  # type: ignore[no-untyped-def]
    """Moment lists of 9 to 16 share one SQL text (PostgreSQL prepares it once)."""
    from sqlalchemy import event

    from kithkin.services import profile
    from kithkin.services.moments import MomentInput, log_moment
    from kithkin.services.people import PersonInput, add_person

    pid = add_person(kith, PersonInput(name="Maya López"))
    other = add_person(kith, PersonInput(name="Sam Okafor"))
    texts: set[str] = set()
    for n in range(1, 17):
        who = [f"#{pid}", f"#{other}"]
        log_moment(kith, MomentInput(people=who, kind="call", when=f"2026-01-{n:02d}"))
    seen: list[str] = []

    def remember(_conn, _cur, statement, *_a):  # type: ignore[no-untyped-def]
        seen.append(statement)

    event.listen(kith.engine, "before_cursor_execute", remember)
    try:
        for shown in range(9, 17):
            seen.clear()
            p = profile.profile(kith, f"#{pid}", timeline=shown)
            assert len(p["timeline"]) == shown
            texts.update(s for s in seen if "moment_topics" in s)
    finally:
        event.remove(kith.engine, "before_cursor_execute", remember)
    assert len(texts) == 1
