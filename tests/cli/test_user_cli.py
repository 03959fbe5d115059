"""`kith user` and `kith token` through the real entry point."""

from __future__ import annotations

import json

from kithkin.services import accounts
from kithkin.services.context import open_kith


def test_user_add_then_login_works(run, db_url):  # type: ignore[no-untyped-def]
    r = run("user", "add", "alice", "--password-stdin", input="a long secret\n")
    assert r.exit_code == 0, r.output
    assert "added alice" in r.output
    k = open_kith(db_url)
    try:
        token, session = accounts.log_in(k.engine, "alice", "a long secret", "test")
        assert session.name == "alice" and token
    finally:
        k.engine.dispose()


def test_user_add_gives_the_local_account_a_password(run):  # type: ignore[no-untyped-def]
    run("add", "Maya López")
    r = run("user", "add", "local", "--password-stdin", input="a long secret\n")
    assert r.exit_code == 0
    assert "gave a password to local" in r.output
    again = run("user", "add", "local", "--password-stdin", input="another secret\n")
    assert again.exit_code == 1
    assert "kith user passwd local" in again.output
    listed = json.loads(run("user", "list", "--json").output)
    assert [(u["name"], u["can_log_in"]) for u in listed] == [("local", True)]


def test_bad_names_and_short_passwords_are_refused(run):  # type: ignore[no-untyped-def]
    short = run("user", "add", "alice", "--password-stdin", input="short\n")
    assert short.exit_code == 1
    assert "password: use at least 8 characters" in short.output
    bad = run("user", "add", "<alice>", "--password-stdin", input="a long secret\n")
    assert bad.exit_code == 1
    assert "not a usable account name" in bad.output
    listed = json.loads(run("user", "list", "--json").output)
    assert [(u["name"], u["can_log_in"]) for u in listed] == [("local", False)]


def test_no_terminal_and_no_stdin_flag_is_a_clear_error(run):  # type: ignore[no-untyped-def]
    r = run("user", "add", "alice")
    assert r.exit_code == 2
    assert "--password-stdin" in r.output


def test_passwd_and_remove(run):  # type: ignore[no-untyped-def]
    run("user", "add", "alice", "--password-stdin", input="a long secret\n")
    assert (
        run("user", "passwd", "alice", "--password-stdin", input="newer secret!\n").exit_code == 0
    )
    missing = run("user", "passwd", "nobody", "--password-stdin", input="newer secret!\n")
    assert missing.exit_code == 1
    assert "no account called 'nobody'" in missing.output
    refused = run("user", "remove", "alice")
    assert refused.exit_code == 2
    assert run("user", "remove", "alice", "--yes").exit_code == 0
    assert [u["name"] for u in json.loads(run("user", "list", "--json").output)] == ["local"]


def test_tokens_are_shown_once_listed_and_revoked(run, db_url):  # type: ignore[no-untyped-def]
    run("user", "add", "alice", "--password-stdin", input="a long secret\n")
    made = run("token", "add", "backup-script", "--user", "alice")
    assert made.exit_code == 0
    token = made.output.strip()
    assert token.startswith("kith_")
    k = open_kith(db_url)
    try:
        assert accounts.token_account(k.engine, token) is not None
    finally:
        k.engine.dispose()
    listed = json.loads(run("token", "list", "--user", "alice", "--json").output)
    assert [t["name"] for t in listed] == ["backup-script"]
    assert token not in run("token", "list", "--user", "alice").output
    twice = run("token", "add", "backup-script", "--user", "alice")
    assert twice.exit_code == 1
    assert run("token", "revoke", "backup-script", "--user", "alice").exit_code == 0
    gone = run("token", "revoke", "backup-script", "--user", "alice")
    assert gone.exit_code == 1
    assert "no token called 'backup-script'" in gone.output


def test_the_cli_acts_for_another_account_only_when_it_exists(run):  # type: ignore[no-untyped-def]
    missing = run("--account", "alice", "add", "Maya López")
    assert missing.exit_code == 1
    assert "no account called 'alice'" in missing.output
    run("user", "add", "alice", "--password-stdin", input="a long secret\n")
    assert run("--account", "alice", "add", "Maya López").exit_code == 0
    theirs = json.loads(run("--account", "alice", "list", "--json").output)
    mine = json.loads(run("list", "--json").output)
    assert [p["name"] for p in theirs] == ["Maya López"]
    assert mine == []
