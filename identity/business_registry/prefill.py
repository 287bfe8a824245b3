"""What a request form shows and sends for a business (the prefill source for
a business subject), in the same plain-string shape as
`product_requests.services.applicant_data` for a person: name, KvK number,
branch and its address. Looked up by the server, never taken from the POST."""

from __future__ import annotations

from .types import Business


def business_applicant_data(business: Business, branch: str = "") -> dict[str, str]:
    address = business.address_for(branch)
    return {
        "name": business.name,
        "kvk": business.kvk,
        "branch": branch or (business.main_branch.number if business.main_branch else ""),
        "address": "\n".join(line for line in (address.line1, address.line2) if line)
        if address
        else "",
        "date_of_birth": "",
    }
