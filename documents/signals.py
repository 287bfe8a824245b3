"""Hook points for notifications.

    document_added(sender=Document, document, actor)

Sent INSIDE the transaction that stores the document (like cases.signals), so an
outbox row written by a receiver commits or rolls back with it. A decision's
notification hooks in here ("the citizen is notified").
"""

from django.dispatch import Signal

document_added = Signal()
