"""Documents: a case's files in private storage, uploads, downloads, PDFs.

Other apps use only this public surface:

- ``documents.services`` - every write (store_document, store_upload,
  add_citizen_upload, create_decision, cleanup_uncommitted_files, ...) and
  ``delete_on_rollback`` for a file another app stores in its own model;
- ``documents.receiving`` - the one way a view receives a file:
  ``@receives_upload`` (streaming size cap, then CSRF) and
  ``receive_upload(...)`` (rate limit -> type by content -> virus scan, nothing
  kept on failure), docs/decisions/0029;
- ``documents.selectors`` and ``documents.models`` - reads.

The other modules (validation, scanning, upload_handlers, ratelimit, pdf, ...)
are this app's own; what other apps still import from them is listed in
docs/decisions/0029.
"""
