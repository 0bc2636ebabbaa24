"""The newsletter against a real SMTP server on 127.0.0.1 (aiosmtpd): parts, images, refusals,
dropped connections and retries that never send twice."""

from __future__ import annotations

import email
import shutil
import socket
import ssl
import subprocess
from email import policy

import icalendar
import pytest

from thesis.errors import PublishError
from thesis.publish.email import LEDGER, build_newsletter, send_newsletter
from thesis.publish.runs import RunFolder, run_ics, run_key_dates

aiosmtpd = pytest.importorskip("aiosmtpd")
from aiosmtpd.controller import Controller  # noqa: E402
from aiosmtpd.smtp import AuthResult, LoginPassword  # noqa: E402

WEB = "https://outlooks.example.org/outlooks/seed-small/index.html"


class Inbox:
    """An SMTP handler that keeps what it accepts and can refuse or drop on purpose."""

    def __init__(self, refuse: set[str] = frozenset(), drop_on_data: int | None = None) -> None:
        self.refuse = set(refuse)
        self.drop_on_data = drop_on_data
        self.data_calls = 0
        self.messages: list[tuple[list[str], bytes]] = []

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in self.refuse:
            return f"550 5.1.1 <{address}>: mailbox unavailable"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.data_calls += 1
        if self.drop_on_data == self.data_calls:
            server.transport.close()  # the line drops before the server says 250
            return "421 closing"
        self.messages.append((list(envelope.rcpt_tos), envelope.content))
        return "250 Message accepted for delivery"

    def recipients(self) -> list[str]:
        return [r for tos, _ in self.messages for r in tos]


def _port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture()
def smtp():
    started: list[Controller] = []

    def start(handler: Inbox, **kw) -> str:
        port = _port()
        c = Controller(handler, hostname="127.0.0.1", port=port, **kw)
        c.start()
        started.append(c)
        return f"127.0.0.1:{port}"

    yield start
    for c in started:
        c.stop()


@pytest.fixture(scope="module")
def message_parts(run_dir, events_store):
    run = RunFolder.open(run_dir)
    kd = run_key_dates(run, events_store)
    ics = run_ics(run, events_store, url=WEB)
    return run, kd, ics


def _newsletter(message_parts, to=("ann@example.org",)):
    run, kd, ics = message_parts
    return build_newsletter(
        run, sender="desk@example.org", to=list(to), web_url=WEB, key_dates=kd, ics=ics
    )


def _parse(raw: bytes):
    return email.message_from_bytes(raw, policy=policy.default)


def _check_structure(msg) -> None:
    assert msg.get_content_type() == "multipart/mixed"
    alt = msg.get_payload()[0]
    assert alt.get_content_type() == "multipart/alternative"
    plain, related = alt.get_payload()
    assert plain.get_content_type() == "text/plain"
    assert related.get_content_type() == "multipart/related"
    html_part, *images = related.get_payload()
    html = html_part.get_content()
    text = plain.get_content()
    # the web link at the top of both parts
    assert WEB in text.split("\n", 1)[0] and WEB in html
    # every chart is a CID image, every cid: reference has its part
    cids = {i["Content-ID"].strip("<>") for i in images}
    assert images and all(i.get_content_type() == "image/png" for i in images)
    refs = set(__import__("re").findall(r'src="cid:([^"]+)"', html))
    assert refs and refs <= cids
    assert "data:image" not in html
    # styles are inlined: no <style> block, style attributes instead
    assert "<style" not in html.lower() and 'style="' in html
    assert "var(--" not in html
    # the plain text is readable without the images
    assert "[Chart:" in text and "Key dates" in text
    ics = msg.get_payload()[1]
    assert ics.get_content_type() == "text/calendar" and ics.get_filename() == "keydates.ics"
    assert ics.get_param("method") == "PUBLISH"
    cal = icalendar.Calendar.from_ical(ics.get_payload(decode=True))
    assert len(list(cal.walk("VEVENT"))) > 5


def test_message_has_both_parts_inline_images_and_the_calendar(message_parts) -> None:
    msg = _newsletter(message_parts)
    _check_structure(_parse(msg.as_bytes()))
    assert msg["Subject"] == message_parts[0].headline


def test_bad_addresses_are_refused_before_sending(message_parts) -> None:
    with pytest.raises(PublishError) as e:
        _newsletter(message_parts, to=["not an address"])
    assert e.value.where == "--to"


def test_send_delivers_a_parseable_message_to_each(message_parts, run_copy, smtp) -> None:
    inbox = Inbox()
    server = smtp(inbox)
    run = RunFolder.open(run_copy)
    to = ["ann@example.org", "bob@example.org"]
    rep = send_newsletter(run, _newsletter(message_parts, to), to, smtp=server)
    assert rep.sent == to and not rep.refused
    assert inbox.recipients() == to
    for tos, raw in inbox.messages:
        msg = _parse(raw)
        assert msg["To"] == tos[0]  # each copy addressed to its reader
        _check_structure(msg)
    ids = {_parse(raw)["Message-ID"] for _, raw in inbox.messages}
    assert len(ids) == 2
    # a second send is a no-op: the ledger says both went out
    again = send_newsletter(run, _newsletter(message_parts, to), to, smtp=server)
    assert again.skipped == to and not again.sent
    assert len(inbox.messages) == 2
    assert (run_copy / LEDGER).exists()


def test_refused_recipient_is_named_and_the_rest_are_sent_once(
    message_parts, run_copy, smtp
) -> None:
    inbox = Inbox(refuse={"gone@example.org"})
    server = smtp(inbox)
    run = RunFolder.open(run_copy)
    to = ["ann@example.org", "gone@example.org", "bob@example.org"]
    with pytest.raises(PublishError) as e:
        send_newsletter(run, _newsletter(message_parts, to), to, smtp=server)
    assert "gone@example.org" in e.value.what and "550" in e.value.what
    assert inbox.recipients() == ["ann@example.org", "bob@example.org"]
    # after fixing the list, a retry sends nobody twice
    inbox.refuse.clear()
    rep = send_newsletter(run, _newsletter(message_parts, to), to, smtp=server)
    assert rep.sent == ["gone@example.org"] and set(rep.skipped) == {
        "ann@example.org",
        "bob@example.org",
    }
    assert sorted(inbox.recipients()) == sorted(to)


def test_dropped_connection_stops_and_a_retry_sends_only_the_rest(
    message_parts, run_copy, smtp
) -> None:
    inbox = Inbox(drop_on_data=2)
    server = smtp(inbox)
    run = RunFolder.open(run_copy)
    to = ["a@example.org", "b@example.org", "c@example.org"]
    with pytest.raises(PublishError) as e:
        send_newsletter(run, _newsletter(message_parts, to), to, smtp=server)
    assert "dropped" in e.value.what and "sent 1" in e.value.what
    assert "again" in (e.value.fix or "")
    assert inbox.recipients() == ["a@example.org"]
    rep = send_newsletter(run, _newsletter(message_parts, to), to, smtp=server)
    assert rep.sent == ["b@example.org", "c@example.org"] and rep.skipped == ["a@example.org"]
    assert sorted(inbox.recipients()) == sorted(to)  # each exactly once


def test_no_server_sends_nothing_and_says_so(message_parts, run_copy) -> None:
    run = RunFolder.open(run_copy)
    with pytest.raises(PublishError) as e:
        send_newsletter(
            run, _newsletter(message_parts), ["ann@example.org"], smtp=f"127.0.0.1:{_port()}"
        )
    assert "nothing was sent" in e.value.what
    assert not (run_copy / LEDGER).exists()


def test_password_comes_from_the_environment_only(message_parts, run_copy, monkeypatch) -> None:
    monkeypatch.delenv("THESIS_SMTP_PASSWORD", raising=False)
    with pytest.raises(PublishError) as e:
        send_newsletter(
            RunFolder.open(run_copy),
            _newsletter(message_parts),
            ["ann@example.org"],
            smtp="127.0.0.1:1",
            user="desk",
        )
    assert "THESIS_SMTP_PASSWORD" in e.value.what


@pytest.mark.skipif(
    shutil.which("openssl") is None, reason="openssl is needed to make a test certificate"
)
def test_starttls_and_login(message_parts, run_copy, smtp, tmp_path, monkeypatch) -> None:
    key, cert = tmp_path / "key.pem", tmp_path / "cert.pem"
    subprocess.run(
        [
            "openssl",
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-keyout",
            str(key),
            "-out",
            str(cert),
            "-days",
            "1",
            "-subj",
            "/CN=127.0.0.1",
            "-addext",
            "subjectAltName=IP:127.0.0.1",
        ],
        check=True,
        capture_output=True,
    )
    server_ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    server_ctx.load_cert_chain(cert, key)

    def auth(server, session, envelope, mechanism, data):
        ok = isinstance(data, LoginPassword) and (data.login, data.password) == (b"desk", b"s3cret")
        return AuthResult(success=ok, handled=False)

    inbox = Inbox()
    server = smtp(
        inbox,
        tls_context=server_ctx,
        require_starttls=True,
        authenticator=auth,
        auth_require_tls=True,
    )
    client_ctx = ssl.create_default_context(cafile=str(cert))
    run = RunFolder.open(run_copy)
    monkeypatch.setenv("THESIS_SMTP_PASSWORD", "wrong")
    with pytest.raises(PublishError) as e:
        send_newsletter(
            run,
            _newsletter(message_parts),
            ["ann@example.org"],
            smtp=server,
            starttls=True,
            user="desk",
            ssl_context=client_ctx,
        )
    assert "login refused" in e.value.what and not inbox.messages
    monkeypatch.setenv("THESIS_SMTP_PASSWORD", "s3cret")
    rep = send_newsletter(
        run,
        _newsletter(message_parts),
        ["ann@example.org"],
        smtp=server,
        starttls=True,
        user="desk",
        ssl_context=client_ctx,
    )
    assert rep.sent == ["ann@example.org"] and len(inbox.messages) == 1


def test_dry_run_writes_the_eml_from_the_cli(run_copy, events_store_path, tmp_path) -> None:
    from thesis.cli import main

    out = tmp_path / "news.eml"
    main(
        [
            "publish",
            "email",
            str(run_copy),
            "--to",
            "ann@example.org",
            "--site-url",
            "https://outlooks.example.org",
            "--dry-run",
            str(out),
            "--store",
            str(events_store_path),
        ]
    )
    msg = _parse(out.read_bytes())
    assert (
        "https://outlooks.example.org/outlooks/seed-small/index.html"
        in msg.get_payload()[0].get_payload()[0].get_content()
    )
    _check_structure(msg)
    assert not (run_copy / LEDGER).exists()  # a dry run sends nothing
