"""Factories for the back office (issue 5).

caseworker = CaseworkerFactory(agency=agency)  # staff in "Zaakbehandelaars", member of agency
admin = CaseworkerFactory(agency=agency, agency_admin=True)  # ... who also manages case types
caseworker = CaseworkerFactory(agency=agency, mfa=True)  # ... with a TOTP authenticator
editor = EditorFactory()                                 # staff in "Redacteuren", no agency
membership = AgencyMembershipFactory(user=u, agency=a)  # a bare membership
"""

from __future__ import annotations

import factory

from backoffice.groups import CASEWORKERS, EDITORS, ensure_groups
from backoffice.models import AgencyMembership, MembershipRole
from cases.tests.factories import AgencyFactory
from identity.tests.factories import StaffUserFactory

TEST_TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


class AgencyMembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AgencyMembership

    user = factory.SubFactory(StaffUserFactory)
    agency = factory.SubFactory(AgencyFactory)
    role = MembershipRole.CASEWORKER


def add_totp(user, secret: str = TEST_TOTP_SECRET):
    """Give `user` an activated allauth TOTP authenticator (MFA set up)."""
    from allauth.mfa.totp.internal.auth import TOTP

    return TOTP.activate(user, secret).instance


class CaseworkerFactory(StaffUserFactory):
    agency = None
    agency_admin = False
    # /beheer/ needs TOTP set up (identity.staff); CaseworkerFactory(mfa=False) for the other case.
    mfa = True

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        agency = kwargs.pop("agency") or AgencyFactory()
        agency_admin = kwargs.pop("agency_admin")
        mfa = kwargs.pop("mfa")
        user = super()._create(model_class, *args, **kwargs)
        user.groups.add(ensure_groups()[CASEWORKERS])
        role = MembershipRole.AGENCY_ADMIN if agency_admin else MembershipRole.CASEWORKER
        AgencyMembership.objects.get_or_create(user=user, agency=agency, defaults={"role": role})
        if mfa:
            add_totp(user)
        return user


class EditorFactory(StaffUserFactory):
    @factory.post_generation
    def setup(obj, create, extracted, **kwargs):
        if create:
            obj.groups.add(ensure_groups()[EDITORS])
            add_totp(obj)
