"""The newsletter: one outlook as an email, sent over SMTP without ever sending twice.

The message is what mail clients render well::

    multipart/mixed
    ├── multipart/alternative
    │   ├── text/plain                 the article's Markdown, charts as [Chart: ...] lines
    │   └── multipart/related
    │       ├── text/html              the article, styles inlined (clients drop <style>)
    │       └── image/png …            each chart, referenced as cid:
    └── text/calendar                  keydates.ics (METHOD:PUBLISH), as an attachment

with a link to the web version at the top of both parts.

Sending (:func:`send_newsletter`) writes one message per recipient over one connection and records
each accepted one in a ledger in the run folder (``newsletter-sent.json``) at once. A refused
recipient is reported and the rest still get theirs; a dropped connection stops the send with an
error that says how many went out. Running the same command again sends only to those not in the
ledger. The password comes from an environment variable, never from the command line.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import html as _html
import json
import os
import re
import smtplib
import ssl
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import formatdate
from pathlib import Path
from typing import TYPE_CHECKING

from thesis.errors import PublishError

if TYPE_CHECKING:
    from thesis.analysis.keydates import KeyDatesResult
    from thesis.publish.runs import RunFolder

__all__ = [
    "LEDGER",
    "SendReport",
    "build_newsletter",
    "parse_address",
    "parse_smtp",
    "send_newsletter",
]

LEDGER = "newsletter-sent.json"
_DATA_IMG = re.compile(
    r"""src=(["'])data:image/(png|jpeg|gif|svg\+xml);base64,([A-Za-z0-9+/=\s]+)\1""", re.IGNORECASE
)
_FILE_IMG = re.compile(r"""src=(["'])(charts/[A-Za-z0-9_.-]+\.png)\1""")
_BODY = re.compile(r"<body[^>]*>", re.IGNORECASE)
_END_ARTICLE = re.compile(r"</article>", re.IGNORECASE)
_SCRIPT = re.compile(r"<script\b.*?</script\s*>", re.IGNORECASE | re.DOTALL)
_MD_IMG = re.compile(r"!\[([^\]]*)\]\([^)]*\)")


def parse_address(addr: str, where: str = "--to") -> str:
    """Check an e-mail address (``name@example.org``); raise :class:`PublishError` naming it."""
    a = addr.strip()
    try:
        parsed = Address(addr_spec=a)
    except (ValueError, IndexError):
        parsed = None
    if parsed is None or not parsed.username or "." not in parsed.domain or " " in a:
        raise PublishError(
            f"{addr!r} is not an e-mail address",
            where=where,
            fix="write it as name@example.org",
        )
    return a


def parse_smtp(value: str) -> tuple[str, int]:
    """``HOST:PORT`` (or ``HOST``, port 25; ``[::1]:2525`` for IPv6) → ``(host, port)``."""
    v = value.strip()
    m = re.fullmatch(r"\[([0-9a-fA-F:]+)\](?::(\d+))?|([^:\s]+)(?::(\d+))?", v)
    if not m:
        raise PublishError(
            f"{value!r} is not HOST:PORT", where="--smtp", fix="e.g. --smtp smtp.example.org:587"
        )
    host = m.group(1) or m.group(3)
    port = int(m.group(2) or m.group(4) or 25)
    if not 0 < port < 65536:
        raise PublishError(f"port {port} is out of range", where="--smtp", fix="use 1-65535")
    return host, port


# ------------------------------------------------------------------------------------ building
def _key_dates_html(res: KeyDatesResult | None, limit: int = 12) -> str:
    if res is None or not res.upcoming:
        return ""
    rows = "".join(
        '<tr><td style="padding:4px 8px;border-bottom:1px solid #e2e2e2;white-space:nowrap">'
        f'{d.date:%d %b %Y}</td><td style="padding:4px 8px;border-bottom:1px solid #e2e2e2">'
        f"<strong>{_html.escape(d.label)}</strong>{' (tentative)' if d.tentative else ''}<br>"
        f'<span style="color:#5f6368">{_html.escape(d.why)}</span></td></tr>'
        for d in res.upcoming[:limit]
    )
    more = (
        f'<p style="color:#5f6368">…and {len(res.upcoming) - limit} more in the attached calendar.</p>'
        if len(res.upcoming) > limit
        else ""
    )
    return (
        '<section style="margin-top:2rem"><h2>Key dates</h2>'
        "<p>The days to watch for this outlook; the attached <code>keydates.ics</code> adds "
        "them to your calendar.</p>"
        f'<table style="border-collapse:collapse;width:100%;font-size:14px">{rows}</table>'
        f"{more}</section>"
    )


def _key_dates_text(res: KeyDatesResult | None, limit: int = 12) -> str:
    if res is None or not res.upcoming:
        return ""
    lines = ["", "Key dates (the attached keydates.ics adds them to your calendar)", ""]
    for d in res.upcoming[:limit]:
        lines.append(f"- {d.date:%d %b %Y}: {d.label}{' (tentative)' if d.tentative else ''}")
        lines.append(f"  {d.why}")
    if len(res.upcoming) > limit:
        lines.append(f"…and {len(res.upcoming) - limit} more in the attached calendar.")
    return "\n".join(lines)


def _html_body(run: RunFolder) -> tuple[str, list[tuple[str, bytes, str]]]:
    """The article's HTML with its images turned into ``cid:`` references.

    Returns the HTML and ``(content id, bytes, subtype)`` per image.
    """
    src = run.file("article.html")
    if src is None:
        raise PublishError(
            "the run has no article.html",
            where=str(run.path),
            fix="run the thesis with --formats md,html (the default writes it)",
        )
    text = _SCRIPT.sub("", src.read_text(encoding="utf-8"))
    images: list[tuple[str, bytes, str]] = []
    seen: dict[str, str] = {}
    stem = hashlib.sha256(run.id.encode()).hexdigest()[:8]

    def cid_for(data: bytes, subtype: str) -> str:
        h = hashlib.sha256(data).hexdigest()[:12]
        if h not in seen:
            seen[h] = f"chart{len(seen) + 1}.{h}.{stem}@thesis"
            images.append((seen[h], data, subtype))
        return seen[h]

    def inline(m: re.Match[str]) -> str:
        data = base64.b64decode(re.sub(r"\s+", "", m.group(3)))
        sub = m.group(2).lower().replace("+xml", "")
        return f'src="cid:{cid_for(data, sub)}"'

    def from_file(m: re.Match[str]) -> str:
        p = run.file(m.group(2))
        return f'src="cid:{cid_for(p.read_bytes(), "png")}"' if p is not None else m.group(0)

    text = _DATA_IMG.sub(inline, text)
    text = _FILE_IMG.sub(from_file, text)
    return text, images


def _inline_css(html: str) -> str:
    """Styles moved into ``style`` attributes (Gmail and Outlook drop ``<style>``), with CSS
    variables resolved (most mail clients do not support them)."""
    import css_inline

    inliner = css_inline.CSSInliner(
        keep_style_tags=False,
        keep_link_tags=False,
        load_remote_stylesheets=False,
        resolve_css_variables=True,
    )
    return inliner.inline(html)


def build_newsletter(
    run: RunFolder,
    *,
    sender: str,
    to: Sequence[str],
    web_url: str,
    key_dates: KeyDatesResult | None = None,
    ics: bytes | None = None,
    subject: str | None = None,
) -> EmailMessage:
    """The newsletter message for one run.

    Parameters
    ----------
    run
        The run folder (its ``article.html``, ``article.md``, charts).
    sender
        The ``From`` address.
    to
        Recipients (shown in ``To``; :func:`send_newsletter` sends one copy each).
    web_url
        Where the web version lives (a site page); linked at the top of both parts.
    key_dates
        The run's key dates, listed at the end of both parts.
    ics
        The key dates as ``.ics`` bytes, attached as ``keydates.ics``.
    subject
        Default: the article's headline.

    Returns
    -------
    email.message.EmailMessage
    """
    sender = parse_address(sender, "--from")
    rcpts = [parse_address(a) for a in to]
    if not rcpts:
        raise PublishError("no recipient", where="--to", fix="pass --to name@example.org")
    html, images = _html_body(run)
    link = _html.escape(web_url, quote=True)
    banner = (
        '<p style="font:14px sans-serif;background:#eef4fa;padding:.6rem .8rem;margin:0 0 1rem">'
        f'Read this outlook on the web: <a href="{link}">{link}</a></p>'
    )
    m = _BODY.search(html)
    html = html[: m.end()] + banner + html[m.end() :] if m else banner + html
    kd = _key_dates_html(key_dates)
    if kd:
        m = _END_ARTICLE.search(html)
        html = html[: m.start()] + kd + html[m.start() :] if m else html + kd
    html = _inline_css(html)

    md = run.file("article.md")
    body = md.read_text(encoding="utf-8") if md is not None else run.headline
    body = _MD_IMG.sub(lambda mm: f"[Chart: {mm.group(1)}]", body)
    text = (
        f"Read this outlook on the web: {web_url}\n\n{body.strip()}\n{_key_dates_text(key_dates)}\n"
    )

    msg = EmailMessage()
    msg["Subject"] = subject or run.headline
    msg["From"] = sender
    msg["To"] = ", ".join(rcpts)
    msg["Date"] = formatdate(localtime=False)
    msg["Message-ID"] = _message_id(run, ",".join(rcpts))
    msg["X-Thesis-Run"] = run.id
    msg.set_content(text, subtype="plain", charset="utf-8")
    msg.add_alternative(html, subtype="html", charset="utf-8")
    html_part = list(msg.iter_parts())[1]  # the parts: plain, html
    for cid, data, subtype in images:
        html_part.add_related(
            data,
            maintype="image",
            subtype=subtype,
            cid=f"<{cid}>",
            filename=cid.split("@")[0] + f".{subtype}",
            disposition="inline",
        )
    if ics is not None:
        msg.add_attachment(
            ics,
            maintype="text",
            subtype="calendar",
            filename="keydates.ics",
            params={"method": "PUBLISH"},
        )
    return msg


def _message_id(run: RunFolder, recipient: str) -> str:
    """Stable per run and recipient, so that a client that sees a duplicate can drop it."""
    h = hashlib.sha256(f"{run.id}|{run.created_at.isoformat()}|{recipient}".encode()).hexdigest()
    return f"<{h[:24]}@thesis.newsletter>"


def write_eml(msg: EmailMessage, path: str | Path) -> Path:
    """Write a message as an ``.eml`` file (what ``--dry-run`` does)."""
    p = Path(path)
    p.parent.mkdir(parents=True, exist_ok=True)
    p.write_bytes(msg.as_bytes())
    return p


# ------------------------------------------------------------------------------------ sending
@dataclass
class SendReport:
    """What one send did.

    Attributes
    ----------
    sent
        Recipients the server accepted in this send.
    skipped
        Recipients already in the ledger (sent before), not sent again.
    refused
        Recipient → the server's reply.
    ledger
        The ledger file.
    """

    sent: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    refused: dict[str, str] = field(default_factory=dict)
    ledger: Path | None = None


def _read_ledger(path: Path) -> dict[str, dict[str, str]]:
    if not path.exists():
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (ValueError, OSError) as e:
        raise PublishError(
            f"the send ledger cannot be read ({e})",
            where=str(path),
            fix="check the file; delete it only if no newsletter of this run went out",
        ) from None
    return dict(data.get("sent", {}))


def _write_ledger(path: Path, run: RunFolder, sent: dict[str, dict[str, str]]) -> None:
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(json.dumps({"run": run.id, "sent": sent}, indent=2), encoding="utf-8")
    os.replace(tmp, path)  # atomic: a crash never leaves half a ledger


def send_newsletter(
    run: RunFolder,
    msg: EmailMessage,
    recipients: Sequence[str],
    *,
    smtp: str,
    starttls: bool = False,
    user: str | None = None,
    password_env: str = "THESIS_SMTP_PASSWORD",
    ssl_context: ssl.SSLContext | None = None,
    timeout: float = 30.0,
    ledger: str | Path | None = None,
    resend: bool = False,
    progress: Callable[[str], None] | None = None,
) -> SendReport:
    """Send ``msg`` to each recipient once.

    Parameters
    ----------
    run
        The run (the ledger lives in its folder unless ``ledger`` is given).
    msg
        From :func:`build_newsletter`; each copy gets the recipient's ``To`` and ``Message-ID``.
    recipients
        Addresses; those already in the ledger are skipped unless ``resend``.
    smtp
        ``HOST:PORT``.
    starttls
        Upgrade the connection with STARTTLS before logging in.
    user
        Log in as this user with the password in the environment variable ``password_env``.
    ssl_context
        For STARTTLS (default: the system's trusted certificates).
    timeout
        Seconds per network operation.
    ledger
        The ledger file (default ``RUN_DIR/newsletter-sent.json``).
    resend
        Send again to recipients in the ledger.

    Returns
    -------
    SendReport

    Raises
    ------
    PublishError
        No connection, STARTTLS or login refused, the sender refused, the connection dropped
        (the message says how many went out and that a retry sends only the rest), or some
        recipients refused (after the others were sent).
    """
    host, port = parse_smtp(smtp)
    rcpts = list(dict.fromkeys(parse_address(a) for a in recipients))
    password = None
    if user:
        password = os.environ.get(password_env)
        if not password:
            raise PublishError(
                f"--user {user} needs a password in the environment variable {password_env}",
                where=password_env,
                fix=f"export {password_env}=... (a password is never passed as an option)",
            )
    path = Path(ledger) if ledger is not None else run.path / LEDGER
    done = {} if resend else _read_ledger(path)
    report = SendReport(ledger=path)
    report.skipped = [a for a in rcpts if a in done]
    pending = [a for a in rcpts if a not in done]
    say = progress or (lambda _m: None)
    if not pending:
        return report
    sender = str(msg["From"])
    where = f"smtp {host}:{port}"
    try:
        client = smtplib.SMTP(host, port, timeout=timeout)
    except (OSError, smtplib.SMTPException) as e:
        raise PublishError(
            f"cannot connect to the SMTP server ({type(e).__name__}: {e}); nothing was sent",
            where=where,
            fix="check --smtp HOST:PORT and that the server is running",
        ) from None
    ledger_sent = dict(done)
    current = ""
    try:
        client.ehlo()
        if starttls:
            try:
                client.starttls(context=ssl_context or ssl.create_default_context())
            except smtplib.SMTPNotSupportedError:
                raise PublishError(
                    "the server does not offer STARTTLS; nothing was sent",
                    where=where,
                    fix="drop --starttls only if the connection is otherwise protected",
                ) from None
            client.ehlo()
        if user:
            try:
                client.login(user, password or "")
            except smtplib.SMTPAuthenticationError as e:
                raise PublishError(
                    f"login refused for {user!r} ({e.smtp_code} {_reply(e.smtp_error)}); "
                    "nothing was sent",
                    where=where,
                    fix=f"check --user and the password in {password_env}",
                ) from None
            except smtplib.SMTPNotSupportedError:
                raise PublishError(
                    "the server does not accept logins on this connection; nothing was sent",
                    where=where,
                    fix="add --starttls (most servers allow AUTH only over TLS)",
                ) from None
        for addr in pending:
            current = addr
            copy = _personalise(msg, run, addr)
            try:
                client.send_message(copy, from_addr=sender, to_addrs=[addr])
            except smtplib.SMTPRecipientsRefused as e:
                code, reply = e.recipients.get(addr, (0, b""))
                report.refused[addr] = f"{code} {_reply(reply)}"
                say(f"refused: {addr} ({report.refused[addr]})")
                _rset(client)
                continue
            except smtplib.SMTPSenderRefused as e:
                raise PublishError(
                    f"the server refused the sender {sender!r} ({e.smtp_code} "
                    f"{_reply(e.smtp_error)}); sent {len(report.sent)} of {len(pending)}",
                    where=where,
                    fix="use a --from address the server accepts; run again to send the rest",
                ) from None
            except smtplib.SMTPDataError as e:
                report.refused[addr] = f"{e.smtp_code} {_reply(e.smtp_error)}"
                say(f"refused: {addr} ({report.refused[addr]})")
                _rset(client)
                continue
            ledger_sent[addr] = {
                "at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
                "message_id": str(copy["Message-ID"]),
            }
            _write_ledger(path, run, ledger_sent)
            report.sent.append(addr)
            say(f"sent: {addr}")
    except smtplib.SMTPResponseException as e:
        left = len(pending) - len(report.sent) - len(report.refused)
        raise PublishError(
            f"the server replied {e.smtp_code} {_reply(e.smtp_error)}; sent {len(report.sent)}, "
            f"not sent {left}",
            where=where,
            fix="see the server's reply; run the same command again to send the rest (those in "
            f"{path.name} are skipped)",
        ) from None
    except (smtplib.SMTPServerDisconnected, OSError) as e:
        left = len(pending) - len(report.sent) - len(report.refused)
        raise PublishError(
            f"the connection dropped while sending to {current or 'the server'} "
            f"({type(e).__name__}: {e}); sent {len(report.sent)}, not sent {left}",
            where=where,
            fix=f"run the same command again: the {len(ledger_sent)} recipients in {path.name} "
            "are skipped, the rest are sent",
        ) from None
    finally:
        try:
            client.quit()
        except (smtplib.SMTPException, OSError):
            client.close()
    if report.refused:
        listed = "; ".join(f"{a}: {r}" for a, r in report.refused.items())
        raise PublishError(
            f"the server refused {len(report.refused)} recipient(s) ({listed}); "
            f"sent to {len(report.sent)} others",
            where=where,
            fix="correct or remove those addresses and run again (the others are not sent twice)",
        )
    return report


def _personalise(msg: EmailMessage, run: RunFolder, addr: str) -> EmailMessage:
    """``msg`` addressed to one recipient (its top-level headers are replaced in place: the
    copies are sent one after another, and the parts, images included, are not copied)."""
    for name, value in (
        ("To", addr),
        ("Message-ID", _message_id(run, addr)),
        ("Date", formatdate(localtime=False)),
    ):
        if name in msg:
            msg.replace_header(name, value)
        else:
            msg[name] = value
    return msg


def _rset(client: smtplib.SMTP) -> None:
    try:
        client.rset()
    except smtplib.SMTPServerDisconnected:
        raise
    except smtplib.SMTPException:
        pass


def _reply(raw: bytes | str) -> str:
    return raw.decode("utf-8", "replace") if isinstance(raw, bytes) else str(raw)
