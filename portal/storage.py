"""Private file storage: files with no public URL.

Citizens' documents live here. The storage refuses to produce a URL, so no
template or serializer can accidentally link to a file; downloads go through
an authorised, audited view that streams the file.
"""

from django.core.files.storage import FileSystemStorage, storages


class PrivateFileSystemStorage(FileSystemStorage):
    def __init__(self, location=None, **kwargs):
        kwargs.pop("base_url", None)
        super().__init__(location=location, base_url=None, **kwargs)
        # Owner-only permissions: other system users on the host cannot read documents.
        self.file_permissions_mode = 0o600
        self.directory_permissions_mode = 0o700

    def url(self, name):
        raise NotImplementedError("Private files have no URL; use the download view.")


def private_storage():
    """The configured private storage (local folder or S3); a callable for FileField."""
    return storages["private"]
