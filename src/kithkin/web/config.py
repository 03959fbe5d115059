"""How one web server runs: which database, whether logging in is required."""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass
from datetime import date

from kithkin.services.context import LOCAL_ACCOUNT

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8765
LOOPBACK_NAMES = frozenset({"localhost", "127.0.0.1", "::1", "[::1]"})


@dataclass(frozen=True)
class WebConfig:
    """What ``create_app`` needs; ``kith serve`` builds it from its options."""

    url: str
    #: False only on a loopback address for one user: every request is that account.
    require_login: bool = True
    #: The account an open (no-login) server acts for.
    account: str = LOCAL_ACCOUNT
    #: Mark cookies Secure (browsers still send them to http://127.0.0.1 and localhost).
    secure_cookies: bool = True
    #: A fixed "today" (tests, demos); None means the real date of each request.
    today: date | None = None


def is_loopback(host: str) -> bool:
    """Whether ``host`` (a name or an address) only reaches this machine."""
    if host in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False
