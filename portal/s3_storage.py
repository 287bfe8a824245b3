"""Private S3 storage: citizens' documents in a private bucket, with no URL.

django-storages' S3Storage would hand out a pre-signed URL from `url()` (anyone
holding it can fetch the object for an hour). The portal's design is that a
document leaves only through the authorised, audited download view
(documents/downloads.py), so this storage refuses to make a URL, like
`portal.storage.PrivateFileSystemStorage`. Objects are written with the
"private" canned ACL (settings: `portal.settings.env.s3_private_storage`).

A module of its own so that only a process configured for S3 imports boto3.
"""

from storages.backends.s3 import S3Storage


class PrivateS3Storage(S3Storage):
    def url(self, name, parameters=None, expire=None, http_method=None):
        raise NotImplementedError("Private files have no URL; use the download view.")
