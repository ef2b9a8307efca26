"""Email backends that send nothing, and the development one that prints instead.

Production refuses every backend listed in NOT_SENT (clinic.settings.prod and the
`check --deploy` check in clinic.checks): a clinic that believes it emailed its patients
must have done so.
"""

from django.core.mail.backends.console import EmailBackend as ConsoleBackend

DEVELOPMENT_CONSOLE = "clinic.mail.DevelopmentConsoleBackend"
NOT_SENT = {
    DEVELOPMENT_CONSOLE,
    "django.core.mail.backends.console.EmailBackend",
    "django.core.mail.backends.locmem.EmailBackend",
    "django.core.mail.backends.dummy.EmailBackend",
    "django.core.mail.backends.filebased.EmailBackend",
}
OPT_OUT = "EMAIL_NOT_SENT_OK"


def not_sent_problem(backend: str) -> str:
    """One line saying what to set, or "" when the backend really sends mail."""
    if backend not in NOT_SENT:
        return ""
    return (
        f"EMAIL_BACKEND is {backend}, which sends no email: set "
        "EMAIL_BACKEND=django.core.mail.backends.smtp.EmailBackend and EMAIL_HOST "
        f"(README, 'Deploying for real'), or {OPT_OUT}=1 to run without sending email on purpose."
    )


class DevelopmentConsoleBackend(ConsoleBackend):
    """Development only: prints each message to the developer's terminal under a banner
    and sends nothing.

    The printout is the whole message, names and manage or sign-in links included, so a
    developer can follow the links in the demo. It goes to the terminal, never to the
    logs, and production refuses to start with it.
    """

    BANNER = "development only: this email was NOT sent; printed here for the developer"

    def write_message(self, message):
        self.stream.write(f"{'=' * 8} {self.BANNER} {'=' * 8}\n")
        super().write_message(message)
