"""Factories for messaging tests: channel rules with the case types a bezwaar
or klacht opens, uploads as a citizen sends them."""

from __future__ import annotations

from cases.models import Agency, StatusType
from cases.tests.factories import CaseTypeFactory
from documents.tests import samples
from documents.validation import ValidatedUpload, read_upload
from messaging.kinds import MessageKind
from messaging.models import ChannelRule


def objection_and_complaint_channels(agency: Agency) -> None:
    """The agency takes bezwaar and klacht digitally, each opening its own case."""
    for kind, code in ((MessageKind.BEZWAAR, "bezwaar"), (MessageKind.KLACHT, "klacht")):
        case_type = CaseTypeFactory(agency=agency, code=code, name=str(kind.label), statuses=False)
        StatusType.objects.create(
            case_type=case_type, order=1, name="ontvangen", citizen_text="Ontvangen"
        )
        ChannelRule.objects.create(agency=agency, kind=kind, case_type=case_type)


def upload(name: str = "bewijs.png", content: bytes | None = None) -> ValidatedUpload:
    return read_upload([content or samples.png()], filename=name)


def global_message_types() -> None:
    """The message types the migration seeds. A transactional test (the browser
    tests) flushes the database afterwards, seeded rows included, so tests that
    need them call this first."""
    import importlib

    from messaging.consent_models import MessageType

    seeded = importlib.import_module("messaging.migrations.0003_seed_global_message_types")
    for code, name, name_en, description, description_en, is_formal, order in seeded.GLOBAL_TYPES:
        MessageType.objects.get_or_create(
            agency=None,
            code=code,
            defaults={
                "name": name,
                "name_en": name_en,
                "description": description,
                "description_en": description_en,
                "is_formal": is_formal,
                "order": order,
            },
        )
