"""`kith me / common / similar / intros / for / reindex / save` through the real entry
point, on the demo network (built once for this module)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from conftest import TODAY, _entry


@pytest.fixture(scope="module")
def demo_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    from kithkin.demo import build_demo

    home = tmp_path_factory.mktemp("demo-home")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("KITH_HOME", str(home))
        path, _ = build_demo(TODAY)
    yield f"sqlite:///{path}"


def kith(url: str, *args: str, input: str | None = None) -> Result:
    return CliRunner().invoke(
        _entry, ["--db", url, "--today", TODAY.isoformat(), *args], input=input
    )


def test_me_lists_your_interests(demo_url: str) -> None:
    r = kith(demo_url, "me")
    assert r.exit_code == 0
    assert "ai ethics: why I got into tech" in r.output


def test_common_shows_both_sides(demo_url: str) -> None:
    r = kith(demo_url, "common", "Julien")
    assert r.exit_code == 0, r.output
    assert "You and Julien Moreau share:" in r.output
    assert "natural wine" in r.output and "climbing" in r.output
    data = json.loads(kith(demo_url, "common", "Theo", "--json").output)
    assert data["semantic"] is True
    assert ("sustainable design", "sustainable packaging") in {
        (m["mine"], m["theirs"]) for m in data["shared"]
    }


def test_similar_names_the_meaning_match(demo_url: str) -> None:
    r = kith(demo_url, "similar", "Maya")
    assert r.exit_code == 0, r.output
    assert "Theo Marsh" in r.output
    assert "mushroom-based packaging  ~  sustainable packaging" in r.output


def test_intros_suggest_the_designer_and_the_imagineer(demo_url: str) -> None:
    data = json.loads(kith(demo_url, "intros", "--json").output)
    pairs = [{s["a"]["person"], s["b"]["person"]} for s in data["suggestions"]]
    assert {"Maya López", "Theo Marsh"} in pairs
    everyone = {name for p in pairs for name in p}
    assert not everyone & {"Victor Kane", "Marcus Bell"}  # the drainer, the released
    r = kith(demo_url, "intros", "-n", "3")
    assert r.exit_code == 0 and r.output.count("\n") >= 4
    assert "kith intros --propose N" in r.output


def test_for_lists_what_fits_a_person(demo_url: str) -> None:
    r = kith(demo_url, "for", "Inês")
    assert r.exit_code == 0, r.output
    assert "living-walls" in r.output
    assert "green architecture ~ biophilic architecture" in r.output


def test_reindex_has_nothing_left_to_do_on_the_demo(demo_url: str) -> None:
    r = kith(demo_url, "reindex")
    assert r.exit_code == 0, r.output
    assert "Embedded 0 phrases with minilm-l6-int8" in r.output


def test_unknown_person_is_one_clear_line(demo_url: str) -> None:
    for command in ("common", "similar", "for"):
        r = kith(demo_url, command, "Nobody Atall")
        assert r.exit_code != 0
        assert r.output.strip().splitlines() == [
            "kith: nobody called 'Nobody Atall' - try 'kith find Nobody Atall' or 'kith add'"
        ]


def test_save_says_who_would_love_it(db_url: str, run) -> None:  # type: ignore[no-untyped-def]
    run("add", "Maya López", "--interest", "mushroom-based packaging")
    r = run("save", "https://example.org/fungi", "--topic", "mycelium packaging")
    assert r.exit_code == 0, r.output
    assert "Who'd love it" in r.output and "Maya López" in r.output


def test_without_the_model_commands_say_so_once(
    db_url: str, run, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    from kithkin.semantic import load

    load.reset()
    monkeypatch.setenv("KITH_MODEL_FILE", str(tmp_path / "missing.onnx"))
    try:
        added = run("add", "Maya López", "--interest", "mushroom-based packaging")
        run("add", "Theo Marsh", "--interest", "sustainable packaging")
        load.reset()
        r = CliRunner().invoke(_entry, ["--db", db_url, "similar", "Maya"])
    finally:
        load.reset()
    assert added.exit_code == 0 and "Semantic matching is off" in added.stderr
    assert r.exit_code == 0
    assert "Theo Marsh" in r.stdout  # shared word "packaging"
    assert "matched by words" in r.stdout
    assert r.stderr.count("Semantic matching is off") == 1
    assert "cannot be read" in r.stderr


def test_stored_vectors_keep_working_when_the_model_goes_missing(
    db_url: str, run, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    from kithkin.semantic import load

    run("add", "Inês Castillo", "--interest", "rock climbing")
    run("add", "Priya Raman", "--interest", "bouldering")
    load.reset()
    monkeypatch.setenv("KITH_MODEL_FILE", str(tmp_path / "missing.onnx"))
    try:
        r = CliRunner().invoke(_entry, ["--db", db_url, "similar", "Inês"])
    finally:
        load.reset()
    assert "rock climbing  ~  bouldering" in r.stdout  # meaning, from the stored vectors
    assert r.stderr == ""


def test_intros_propose_records_the_intro_and_asks_each_side(db_url: str, run) -> None:  # type: ignore[no-untyped-def]
    run("add", "Maya López", "--interest", "mushroom-based packaging")
    run("add", "Theo Marsh", "--interest", "sustainable packaging")
    r = run("intros", "--propose", "1")
    assert r.exit_code == 0, r.output
    assert "Proposed intro #1" in r.output
    assert "To Maya López" in r.output and "To Theo Marsh" in r.output
    listed = json.loads(run("intro", "list", "--json").output)
    assert [(i["status"], {i["a_name"], i["b_name"]}) for i in listed] == [
        ("proposed", {"Maya López", "Theo Marsh"})
    ]
    assert json.loads(run("intros", "--json").output)["suggestions"] == []  # asked already
    bad = run("intros", "--propose", "5")
    assert bad.exit_code != 0 and "there is no suggestion 5" in bad.output


def test_office_hours_and_lint_on_the_demo(demo_url: str, tmp_path: Path) -> None:
    r = kith(demo_url, "office-hours", "--ics", str(tmp_path / "oh.ics"))
    assert r.exit_code == 0, r.output
    assert "Closet office hours" in r.output and (tmp_path / "oh.ics").exists()
    assert "Victor" not in r.output  # a drainer is never invited
    naked = kith(demo_url, "lint", "-", input="Hello!")
    assert naked.exit_code == 2 and "naked-greeting" in naked.output
