from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _

from .access_log import AccessLogEntry  # noqa: F401  (model registered with this app)
from .bsn import validate_bsn
from .business_registry.models import LocalBranch, LocalBusiness  # noqa: F401
from .contact_details import ContactDetails  # noqa: F401
from .registry.models import LocalAddress, LocalAuthority, LocalPerson  # noqa: F401
from .saml.models import PendingAuthnRequest, SeenSamlMessage  # noqa: F401


class User(AbstractUser):
    """Staff (editors, caseworkers) log in with a password and MFA; citizens are
    users with a BSN and no usable password, who only ever log in through DigiD."""

    bsn = models.CharField(
        _("BSN"),
        max_length=9,
        unique=True,
        null=True,
        blank=True,
        editable=False,
        validators=[validate_bsn],
    )

    class Meta(AbstractUser.Meta):
        swappable = "AUTH_USER_MODEL"
        verbose_name = _("gebruiker")
        verbose_name_plural = _("gebruikers")

    @property
    def is_citizen(self) -> bool:
        return self.bsn is not None
