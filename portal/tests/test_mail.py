import io

from django.core.mail import EmailMessage

from portal.mail import ReadableConsoleBackend


def test_development_mail_prints_long_links_on_one_line():
    link = "http://localhost:8000/mijn/gegevens/e-mail/bevestigen/" + "x" * 90 + "/"
    stream = io.StringIO()
    message = EmailMessage(
        "Bevestig", f"Open deze link:\n\n{link}\n\néén keer", to=["a@example.org"]
    )
    ReadableConsoleBackend(stream=stream).send_messages([message])
    printed = stream.getvalue()
    assert "Subject: Bevestig" in printed
    assert "To: a@example.org" in printed
    assert f"\n{link}\n" in printed
    assert "één keer" in printed
