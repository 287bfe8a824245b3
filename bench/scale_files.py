"""The few stored files that all seeded documents share (the rows are what
scale, not the bytes). Written idempotently into the bench settings' private
storage, so a benchmark run from a fresh checkout can recreate them without
reseeding: the content is fixed, so the names and hashes in the rows match.
"""

from __future__ import annotations

import hashlib

from django.core.files.base import ContentFile

# kind -> (stored name, content type, content)
SHARED_FILES = {
    "receipt": (
        "bench/ontvangstbevestiging.txt",
        "text/plain",
        b"Ontvangstbevestiging (benchmarkdocument).\n" * 40,
    ),
    "decision": (
        "bench/besluit.pdf",
        "application/pdf",
        b"%PDF-1.7\n% benchmark decision letter\n" + b"0" * 24_000 + b"\n%%EOF\n",
    ),
    "agency": (
        "bench/brief.txt",
        "text/plain",
        b"Brief van de organisatie (benchmarkdocument).\n" * 60,
    ),
    "upload": (
        "bench/upload.txt",
        "text/plain",
        b"Door de inwoner gestuurd (benchmarkdocument).\n" * 20,
    ),
}


def file_facts(kind: str) -> tuple[str, str, int, str]:
    """(stored name, content type, size, sha256) of the shared file of `kind`."""
    name, content_type, content = SHARED_FILES[kind]
    return name, content_type, len(content), hashlib.sha256(content).hexdigest()


def ensure_shared_files() -> None:
    from portal.storage import private_storage

    storage = private_storage()
    for name, _content_type, content in SHARED_FILES.values():
        if storage.exists(name):
            with storage.open(name, "rb") as existing:
                if existing.read() == content:
                    continue
            storage.delete(name)
        saved = storage.save(name, ContentFile(content))
        assert saved == name, f"storage renamed {name} to {saved}"
