from django.apps import AppConfig


class DevIdpConfig(AppConfig):
    """The development IdP, installed only by portal/settings/devidp.py."""

    name = "identity.devidp"
    label = "devidp"
    verbose_name = "Development DigiD IdP"

    def ready(self):
        # The files the SP's settings point at, before the first request needs them:
        # `make run` and `make test` work on a fresh clone without a manual step.
        from .files import write_dev_files

        write_dev_files()
