"""`kith duplicates / merge / unmerge` through the real entry point."""

from __future__ import annotations

import json

import pytest

from conftest import Kiths


@pytest.fixture
def twins(run: Kiths) -> Kiths:
    """#1 Maya López and #2 Maya Lopez at Stripe (one person twice), #3 Sam Lee."""
    assert run("add", "Maya López", "--org", "Stripe", "--email", "maya@x.org").exit_code == 0
    r = run(
        "add", "Maya Lopez", "--org", "stripe", "--title", "CTO",
        "--phone", "+351 912 345 678", "--interest", "watercolours", "--tag", "work",
    )  # fmt: skip
    assert r.exit_code == 0
    assert run("add", "Sam Lee").exit_code == 0
    assert run("log", "#2", "coffee", "--energy", "2").exit_code == 0
    assert run("log", "#1", "#2", "call").exit_code == 0
    assert run("gave", "#2", "advice").exit_code == 0
    return run


def test_duplicates_lists_candidates_with_evidence_and_the_merge_command(twins: Kiths) -> None:
    empty = twins("duplicates")
    assert empty.exit_code == 0 and "No likely duplicates" in empty.output
    r = twins("duplicates", "--scan")
    assert r.exit_code == 0
    assert "1 new pair" in r.output
    assert "Maya López [#1] ~ Maya Lopez [#2]" in r.output
    assert "same name, both at Stripe" in r.output
    assert 'kith merge "#1" "#2"' in r.output
    data = json.loads(twins("duplicates", "--json").output)
    assert [(d["a"]["id"], d["b"]["id"], d["evidence"]) for d in data] == [
        (1, 2, ["same name", "both at Stripe"])
    ]


def test_dismissed_pairs_are_not_offered_again(twins: Kiths) -> None:
    twins("duplicates", "--scan")
    r = twins("duplicates", "--dismiss", "#1", "#2")
    assert r.exit_code == 0 and "two people" in r.output
    assert json.loads(twins("duplicates", "--scan", "--json").output) == []
    bad = twins("duplicates", "--dismiss", "#1", "#1")
    assert bad.exit_code == 1 and len(bad.stderr.strip().splitlines()) == 1


def test_merge_needs_yes_without_a_terminal_and_changes_nothing(twins: Kiths) -> None:
    r = twins("merge", "#1", "#2")
    assert r.exit_code == 1
    assert r.stderr.strip().splitlines() == [
        "kith: merging Maya Lopez into Maya López needs a yes: add --yes "
        "(or --dry-run to see what it would do)"
    ]
    assert [p["id"] for p in json.loads(twins("list", "--json").output)] == [2, 1, 3]


def test_dry_run_shows_the_preview(twins: Kiths) -> None:
    r = twins("merge", "#1", "#2", "--dry-run")
    assert r.exit_code == 0
    assert "Keep Maya López [#1]; absorb Maya Lopez [#2]." in r.output
    assert "2 moments" not in r.output and "1 moment, 1 ledger entry" in r.output
    assert "Already theirs, kept once: 1 moment" in r.output
    assert "Fills title: CTO" in r.output
    plan = json.loads(twins("merge", "#1", "#2", "--dry-run", "--json").output)
    assert plan["moved"]["moments"] == 1 and plan["fills"] == {"title": "CTO"}
    assert len(json.loads(twins("list", "--json").output)) == 3


def test_merge_with_yes_then_unmerge(twins: Kiths) -> None:
    before = json.loads(twins("show", "#2", "--json").output)
    r = twins("merge", "#1", "#2", "--yes")
    assert r.exit_code == 0, r.output
    assert r.output.startswith("Merged Maya Lopez into Maya López [#1]: ")
    assert "1 moment, 1 ledger entry" in r.output and "kith unmerge --merge " in r.output
    people = json.loads(twins("list", "--json").output)
    assert [(p["id"], p["moments"]) for p in people] == [(1, 2), (3, 0)]
    shown = json.loads(twins("show", "#1", "--json").output)
    assert json.dumps(shown, ensure_ascii=False).count("watercolours") >= 1

    history = json.loads(twins("unmerge", "--list", "--json").output)
    assert [(h["kept"]["id"], h["absorbed"]["name"], h["undone_at"]) for h in history] == [
        (1, "Maya Lopez", None)
    ]
    listed = twins("unmerge", "--list")
    assert "Maya Lopez -> Maya López [#1]  (in place)" in listed.output

    back = twins("unmerge", "Maya López")
    assert back.exit_code == 0, back.output
    assert back.output.startswith("Unmerged Maya Lopez [#2] from Maya López [#1]: ")
    assert json.loads(twins("show", "#2", "--json").output) == before
    assert "(undone " in twins("unmerge", "--list").output


def test_interactive_merge_asks_first(twins: Kiths, monkeypatch: pytest.MonkeyPatch) -> None:
    from kithkin.cli import merge_cmds

    monkeypatch.setattr(merge_cmds, "_interactive", lambda: True)
    no = twins("merge", "#1", "#2", input="n\n")
    assert no.exit_code == 1 and "Keep Maya López [#1]" in no.output
    assert len(json.loads(twins("list", "--json").output)) == 3
    yes = twins("merge", "#1", "#2", input="y\n")
    assert yes.exit_code == 0 and "Merged Maya Lopez" in yes.output
    assert len(json.loads(twins("list", "--json").output)) == 2


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("merge", "#1", "#1", "--yes"), "kith: merge: '#1' and '#1' are the same person"),
        (("merge", "#1", "Nobody", "--yes"), "kith: nobody called 'Nobody'"),
        (("merge", "#1", "#99", "--yes"), "kith: no person with id #99"),
        (("unmerge", "Sam Lee"), "kith: nothing to unmerge: no merge into Sam Lee"),
        (("unmerge", "--merge", "abc123"), "kith: no merge 'abc123'"),
        (("unmerge",), "kith: name the person kept, or give --merge UID"),
    ],
)
def test_bad_input_is_one_line_and_changes_nothing(
    twins: Kiths, args: tuple[str, ...], message: str
) -> None:
    r = twins(*args)
    assert r.exit_code != 0
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(message), lines
    people = json.loads(twins("list", "--json").output)
    assert sorted(p["id"] for p in people) == [1, 2, 3]
