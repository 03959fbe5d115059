"""`kith serve`: the local web app and JSON API on the same database as the CLI."""

from __future__ import annotations

import click

from kithkin.web.config import DEFAULT_HOST, DEFAULT_PORT, is_loopback


@click.command()
@click.option("--host", default=DEFAULT_HOST, show_default=True, help="Address to listen on.")
@click.option("--port", default=DEFAULT_PORT, show_default=True, type=click.IntRange(1, 65535))
@click.option(
    "--login/--no-login",
    "login",
    default=None,
    help="Require logging in. Default: no login on a loopback address (one user, this "
    "machine), always on any other address.",
)
@click.option(
    "--workers",
    default=1,
    show_default=True,
    type=click.IntRange(1, 64),
    help="Server processes (for a shared server on PostgreSQL).",
)
@click.option(
    "--insecure-cookies",
    is_flag=True,
    help="Send the login cookie over plain http to other machines (only behind a trusted "
    "network; put TLS in front instead).",
)
@click.option(
    "--forwarded-allow-ips",
    metavar="IPS",
    help="Behind a TLS proxy: the proxy's address(es), comma separated, whose "
    "X-Forwarded-For names the real client (so login limits count each client).",
)
@click.pass_context
def serve(
    ctx: click.Context,
    host: str,
    port: int,
    login: bool | None,
    workers: int,
    insecure_cookies: bool,
    forwarded_allow_ips: str | None,
) -> None:
    """Open Kithkin in your browser: Today, people, insights, drafts, import.

    On 127.0.0.1 (the default) it serves you alone and asks for no password; pass
    --login to require one. Any other address requires accounts (`kith user add`).
    """
    from kithkin.domain.errors import KithError
    from kithkin.services.context import LOCAL_ACCOUNT
    from kithkin.storage.database import resolve_url
    from kithkin.web.config import WebConfig
    from kithkin.web.serve import run
    from kithkin.web.workers import check_free

    state = ctx.find_root().obj
    if state.demo:
        from kithkin.storage.database import DEMO_FILENAME, data_dir

        if not (data_dir() / DEMO_FILENAME).exists():
            raise KithError("there is no demo network yet: run `kith demo` first")
    url = resolve_url(state.db, demo=state.demo)
    if state.account:
        state.kith()  # an account that does not exist is refused, not created
    local = is_loopback(host)
    if login is False and not local:
        raise click.UsageError(f"--no-login is only for a loopback address, not {host}")
    config = WebConfig(
        url=url,
        require_login=bool(login) if login is not None else not local,
        account=state.account or LOCAL_ACCOUNT,
        secure_cookies=not insecure_cookies,
        today=state.today,
    )
    shown = f"[{host}]" if ":" in host else host
    how = "log in with an account from `kith user add`" if config.require_login else "no login"
    check_free(host, port)  # a taken port is one clear error, before any announcement
    click.echo(f"Kithkin on http://{shown}:{port}/ ({how}; Ctrl+C stops it)", err=True)
    run(config, host, port, workers, forwarded_allow_ips)
