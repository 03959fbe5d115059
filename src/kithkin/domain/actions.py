"""The one action to take for each reason on Today, in plain words."""

from __future__ import annotations

from kithkin.domain.reciprocity import MINI_COLLAB


def action_for(kind: str, name: str, interest: str | None = None) -> str:
    """What to do about a reason, tied to one of their interests when there is one."""
    first = name.split()[0] if name.split() else name
    about = f" about {interest}" if interest else ""
    if kind == "follow-up":
        return f"keep it now, or an honest re-opener: own the delay, reopen{about}"
    if kind == "birthday":
        return f"send {first} a birthday note on the day"
    if kind == "martyrdom":
        return MINI_COLLAB
    if kind == "vanished":
        return f"let them go kindly: `kith release {first}` (bullet dodged)"
    if kind == "unanswered":
        return f"one kind nudge, or let it go (`kith replied {first} --no-reply`)"
    if kind == "kindness":
        return f"return the kindness: something small{about}, no ask attached"
    if kind == "fueller":
        return f"make a plan you'll both enjoy{about}"
    if kind == "saved":
        return f"add one line on why it made you think of {first}; nothing asked"
    if kind == "drift":
        return f"a no-reason check-in{about}; no guilt about the gap"
    return f"a no-reason check-in{about}"  # cadence
