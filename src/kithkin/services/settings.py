"""The user's settings: ``config.toml`` in the data folder (every key optional).

```toml
[today]
limit = 7             # lines on Today
unanswered_after = 7  # days before an outreach counts as unanswered
birthday_within = 14  # days ahead a birthday shows
fueller_gap = 45      # days unseen before a fueller shows

[martyrdom]
gives = 3             # gives in a row with nothing back ...
window_days = 90      # ... within this many days
```
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

from kithkin.domain.errors import KithError
from kithkin.domain.reciprocity import MartyrdomRule
from kithkin.domain.today import TodayRules
from kithkin.storage.database import data_dir

CONFIG_FILENAME = "config.toml"
_TODAY_KEYS = ("limit", "unanswered_after", "birthday_within", "fueller_gap")
_MARTYR_KEYS = ("gives", "window_days")


def config_path() -> Path:
    """Where the settings file lives."""
    return data_dir() / CONFIG_FILENAME


def _section(doc: dict[str, Any], name: str, keys: tuple[str, ...], path: Path) -> dict[str, int]:
    section = doc.get(name, {})
    if not isinstance(section, dict):
        raise KithError(f"{path}: [{name}] must be a table")
    out = {}
    for key, value in section.items():
        if key not in keys:
            raise KithError(f"{path}: unknown setting {name}.{key} (known: {', '.join(keys)})")
        if not isinstance(value, int) or isinstance(value, bool) or not 1 <= value <= 3650:
            raise KithError(f"{path}: {name}.{key} must be a whole number from 1 to 3650")
        out[key] = value
    return out


def today_rules(path: Path | None = None) -> TodayRules:
    """Today's rules: the defaults, overridden by the settings file when it exists."""
    path = path or config_path()
    if not path.is_file():
        return TodayRules()
    try:
        doc = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise KithError(f"{path}: {exc}") from None
    martyr = MartyrdomRule(**_section(doc, "martyrdom", _MARTYR_KEYS, path))
    return TodayRules(martyr=martyr, **_section(doc, "today", _TODAY_KEYS, path))
