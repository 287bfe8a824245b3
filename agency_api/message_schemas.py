"""Bodies of the outgoing-messages endpoint (issue 18), kept apart from
schemas.py so parallel work on the API merges cleanly."""

from __future__ import annotations

from datetime import datetime
from uuid import UUID

from ninja import Schema
from pydantic import Field

from messaging.models import BODY_MAX_LENGTH, SUBJECT_MAX_LENGTH

from .recipients import RecipientIn
from .schemas import Code, SaneDate, Text


class MessageToCitizenIn(RecipientIn):
    """A message to a person (`bsn`) or a business (`kvk`, optionally `branch`)."""

    case: Text(40) | None = Field(None, description="Reference of your zaak, or empty.")
    message_type: Code = Field(
        description="Code of a message type: besluit, verzoek_aanvulling, herinnering, "
        "informatie or one of your agency's own."
    )
    subject: Text(SUBJECT_MAX_LENGTH, 1)
    body: Text(BODY_MAX_LENGTH, 1) = Field(description="Plain text; never rendered as HTML.")
    is_formal: bool = Field(description="Legally binding (Awb): needs digital consent, else post.")
    expects_action_by: SaneDate | None = None
    documents: list[UUID] = Field(
        default_factory=list, max_length=10, description="Ids of documents of the zaak."
    )


class MessageToCitizenOut(Schema):
    id: UUID
    case: str | None
    message_type: str
    subject: str
    is_formal: bool
    expects_action_by: SaneDate | None
    sent_at: datetime
    by_post: bool = Field(
        description="True when the citizen did not consent to this type digitally "
        "(Awb 2:8): a letter is queued for your post; the portal shows a copy."
    )
    first_opened_at: datetime | None = Field(description="When the citizen first opened it.")
    documents: list[UUID]
