"""A role for an acting context's subject, recording how it was established.

When someone acts for the betrokkene (a parent, a representative, a gemachtigde,
a business's employee), the role keeps ZGW's Rol.authenticatieContext: the
source, the level of assurance, the representee and the mandate, in the shape
of the authentication-context schemas Open Zaak validates (Zaken API 1.5,
maykinmedia/authentication-context-schemas). The actor's own BSN is not stored
on the subject's role: the access log and the case events name the actor.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from identity.loa import LevelOfAssurance

if TYPE_CHECKING:
    from identity.acting import ActingContext

# eHerkenning's assurance classes (Afsprakenstelsel Elektronische Toegangsdiensten).
_EHERKENNING_CLASS_REFS = {
    LevelOfAssurance.BASIS: "urn:etoegang:core:assurance-class:loa2",
    LevelOfAssurance.MIDDEN: "urn:etoegang:core:assurance-class:loa2plus",
    LevelOfAssurance.SUBSTANTIEEL: "urn:etoegang:core:assurance-class:loa3",
    LevelOfAssurance.HOOG: "urn:etoegang:core:assurance-class:loa4",
}


def authentication_context(
    context: ActingContext, level: LevelOfAssurance | None
) -> dict[str, Any]:
    business = context.subject.is_business
    result: dict[str, Any] = {"source": "eherkenning" if business else "digid"}
    if level is not None:
        result["levelOfAssurance"] = _EHERKENNING_CLASS_REFS[level] if business else level.class_ref
    if context.is_self:
        return result
    if business:
        result["representee"] = {"identifierType": "kvkNummer", "identifier": context.subject.kvk}
        if context.actor_pseudonym:
            result["actingSubject"] = {
                "identifierType": "opaque",
                "identifier": context.actor_pseudonym,
            }
    else:
        result["representee"] = {"identifierType": "bsn", "identifier": context.subject.bsn}
    mandate: dict[str, Any] = {"role": str(context.basis)}
    if context.services:
        mandate["services"] = [{"id": service} for service in sorted(context.services)]
    result["mandate"] = mandate
    return result


def role_fields(context: ActingContext, level: LevelOfAssurance | None) -> dict[str, Any]:
    """The fields of a cases.models.Role for the context's subject:
    `Role.objects.create(case=case, role_type=..., **role_fields(context, level))`."""
    subject = context.subject
    return {
        "bsn": subject.bsn,
        "kvk": subject.kvk,
        "branch": subject.branch,
        "authentication_context": authentication_context(context, level),
    }
