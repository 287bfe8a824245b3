"""Factories for documents and decision templates.

document = DocumentFactory(case=case)                 # a PDF from the agency on the case
document = DocumentFactory(case=case, decision=True)  # a decision with date and objection deadline
document = DocumentFactory(case=case, upload=True)    # uploaded by the citizen (a PNG)
document = DocumentFactory(case=case, confidentiality="geheim")  # too confidential for citizens
template = DecisionTemplateFactory(case_type=case.case_type)

DocumentFactory goes through documents.services.store_document, so the file is
really in the private storage with its hash, and the access log has the entry.
"""

from __future__ import annotations

import hashlib
import io
from datetime import timedelta

import factory
from django.utils import timezone

from cases.tests.factories import CaseFactory
from documents import services
from documents.models import DecisionTemplate, Document, DocumentKind
from documents.tests import samples
from documents.validation import PDF, PNG
from identity.actors import Actor

FACTORY_ACTOR = Actor.system("factory")


class DocumentFactory(factory.Factory):
    class Meta:
        model = Document

    case = factory.SubFactory(CaseFactory)
    title = factory.Sequence(lambda n: f"Brief {n}")
    confidentiality = ""
    content = factory.LazyFunction(samples.pdf)
    # States
    decision = False
    upload = False

    @classmethod
    def _create(cls, model_class, *, content, decision, upload, **kwargs):
        kind, file_type, extra = DocumentKind.AGENCY, PDF, {}
        if decision:
            today = timezone.localdate()
            kind = DocumentKind.DECISION
            extra = {"decision_date": today, "objection_deadline": today + timedelta(weeks=6)}
        if upload:
            kind, file_type, content = DocumentKind.UPLOAD, PNG, samples.png()
        return services.store_document(
            file=io.BytesIO(content),
            file_type=file_type,
            size=len(content),
            sha256=hashlib.sha256(content).hexdigest(),
            kind=kind,
            actor=FACTORY_ACTOR,
            **extra,
            **kwargs,
        )

    @classmethod
    def _build(cls, model_class, **kwargs):
        raise NotImplementedError("DocumentFactory only creates (through the services).")


class DecisionTemplateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DecisionTemplate

    case_type = factory.LazyAttribute(lambda o: CaseFactory().case_type)
    name = factory.Sequence(lambda n: f"Besluit toekenning {n}")
    letterhead = "Postbus 15\n2700 AA Zoetermeer"
    salutation = "{aanhef},"
    objection_instructions = (
        "Stuur uw bezwaarschrift aan het college van burgemeester en wethouders, "
        "Postbus 15, 2700 AA Zoetermeer."
    )
    body = "Op {besluitdatum} hebben wij besloten over uw aanvraag {zaak}.\n\n{besluittekst}"
    signature = "Met vriendelijke groet,\n\nnamens {organisatie}"
