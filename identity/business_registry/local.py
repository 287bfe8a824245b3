"""The local business registry: answers from `LocalBusiness` in our own database."""

from __future__ import annotations

from identity.registry.types import Address

from .models import LocalBranch, LocalBusiness
from .types import Branch, Business


def _branch(branch: LocalBranch) -> Branch:
    return Branch(
        number=branch.number,
        name=branch.name,
        is_main=branch.is_main,
        address=Address(
            street=branch.street,
            house_number=branch.house_number,
            house_letter=branch.house_letter,
            house_number_addition=branch.house_number_addition,
            postcode=branch.postcode,
            city=branch.city,
        ),
    )


class LocalBusinessRegistry:
    def get_business(self, kvk: str, *, purpose: str, viewer, branch: str = "") -> Business | None:
        business = LocalBusiness.objects.prefetch_related("branches").filter(kvk=kvk).first()
        if business is None:
            return None
        return Business(
            kvk=business.kvk,
            name=business.name,
            legal_form=business.legal_form,
            rsin=business.rsin,
            branches=tuple(_branch(b) for b in business.branches.all()),
            source="local",
        )
