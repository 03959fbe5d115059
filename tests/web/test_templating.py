"""Pages read service dicts as Jinja always has: ``row.key``, with dict methods intact."""

from __future__ import annotations

from kithkin.web.templating import environment


def _render(source: str, **ctx: object) -> str:
    return environment().from_string(source).render(**ctx)


def test_a_dicts_keys_read_as_attributes_and_its_methods_stay_methods() -> None:
    row = {"name": "Maya <b>", "items": "a key called items", "tags": ["x", "y"]}
    assert _render("{{ row.name }}|{{ row.tags | join(',') }}", row=row) == "Maya &lt;b&gt;|x,y"
    # ``items`` is a dict method: Jinja reads the method first, and so do we.
    assert _render("{{ row.items() | list | length }}", row=row) == "3"
    assert _render("{{ row['items'] }}", row=row) == "a key called items"
    assert _render("{{ row.missing is undefined }}", row=row) == "True"


def test_objects_and_dict_subclasses_keep_attribute_lookup() -> None:
    class Counted(dict):
        size = 7

    assert _render("{{ c.size }}/{{ c.size2 }}", c=Counted(size2=2)) == "7/2"
    assert _render("{{ d.year }}", d=__import__("datetime").date(2026, 11, 21)) == "2026"
