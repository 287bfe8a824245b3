"""Development mail: printed on the console, decoded.

Django's console backend prints the encoded message, so a long link arrives
in quoted-printable pieces that cannot be copied. This one prints the headers
that matter and the plain-text body as the recipient would read it.
"""

from django.core.mail.backends.console import EmailBackend


class ReadableConsoleBackend(EmailBackend):
    def write_message(self, message):
        msg = message.message()
        for header in ("From", "To", "Subject", "Date"):
            self.stream.write(f"{header}: {msg[header]}\n")
        self.stream.write("\n")
        for part in msg.walk():
            if part.get_content_type() == "text/plain":
                self.stream.write(part.get_content())
        self.stream.write("\n" + "-" * 79 + "\n")
