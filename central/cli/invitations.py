"""``invite``: a guest's pass for the day, sent by e-mail."""

from __future__ import annotations

import argparse
from typing import Any

from central.cli.context import PROG, CliError, fail, parse_date, transaction
from central.domain import directory, invitation_mail, invitations


def add_commands(commands: Any, database: argparse.ArgumentParser) -> None:
    invite = commands.add_parser(
        "invite", parents=[database], help="invite a guest: a pass for the day, sent by e-mail"
    )
    invite.add_argument("--email", required=True, help="the guest's e-mail address")
    invite.add_argument("--host", required=True, metavar="ID_OR_EMAIL", help="who invites")
    invite.add_argument("--date", required=True, type=parse_date, metavar="YYYY-MM-DD")
    invite.add_argument("--days", type=int, default=1, help="days from --date (default 1)")
    invite.add_argument("--name", help="the guest's full name (default: from the address)")
    invite.add_argument(
        "--smtp-host", help=f"mail server (default ${invitation_mail.HOST_ENV}, else 127.0.0.1)"
    )
    invite.add_argument(
        "--smtp-port",
        type=int,
        help=f"mail server port (default ${invitation_mail.PORT_ENV}, else 25)",
    )
    invite.add_argument("--smtp-from", help=f"sender (default ${invitation_mail.FROM_ENV})")
    invite.set_defaults(command=_invite)


def _invite(args: argparse.Namespace) -> int:
    try:
        settings = invitation_mail.SmtpSettings.resolve(
            args.smtp_host, args.smtp_port, args.smtp_from
        )
    except invitation_mail.MailError as exc:
        raise CliError(str(exc)) from None
    # The guest, the pass and the invitation commit first, with no network in the transaction
    # (it holds the feed's lock); a failed e-mail then leaves the invitation marked unsent.
    with transaction(args) as session:
        try:
            prepared = invitations.prepare(
                session,
                email=args.email,
                host_ref=args.host,
                first_day=args.date,
                days=args.days,
                name=args.name,
                now=args.clock.now(),
            )
        except (invitations.InvitationError, directory.UnknownSite, LookupError) as exc:
            raise CliError(str(exc)) from None
        message = invitation_mail.compose(prepared, settings)
        pass_id = prepared.record.pass_id
    try:
        invitation_mail.send(message, settings)
    except invitation_mail.MailError as exc:
        return fail(
            f"invitation NOT sent: {exc}\n"
            f"  the guest and pass {pass_id} are saved; to send it, run the same "
            f"`{PROG} invite` command again (it reuses that pass),\n"
            f"  or withdraw it with `{PROG} pass revoke --pass-id {pass_id}`"
        )
    with transaction(args) as session:
        invitations.mark_sent(session, pass_id, now=args.clock.now())
    again = "" if prepared.new else " again (the same pass as before)"
    print(
        f"invitation sent{again} to {args.email.strip()} for "
        f"{invitation_mail.days_text(prepared.first_day, prepared.days)}: pass {pass_id}"
    )
    return 0
