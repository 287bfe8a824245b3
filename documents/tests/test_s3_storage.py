"""The S3 setting against a real S3-compatible server (moto in server mode, its own
process; documents/tests/s3_server.py, decision 0054): a citizen's upload through
the upload view lands in the private bucket, leaves only through the authorised
download view, is not publicly readable, and is deleted again when its
transaction rolls back. (Deleting after an outer rollback is the same
`storage.delete`, called later: documents/tests/test_services.py.)"""

from __future__ import annotations

import uuid
from unittest import mock

import pytest
import requests
from django.core.files.storage import storages
from django.test import Client

from cases.tests.factories import CaseFactory, CaseTypeFactory
from documents.models import Document
from documents.tests import samples
from documents.tests.factories import DocumentFactory
from documents.tests.s3_server import ACCESS_KEY, REGION, SECRET_KEY
from documents.tests.test_views import BSN, OTHER_BSN, post_file
from identity.tests.conftest import log_in
from identity.tests.factories import CitizenFactory
from portal.s3_storage import PrivateS3Storage
from portal.settings.env import s3_private_storage

pytestmark = pytest.mark.django_db


@pytest.fixture
def bucket(s3_server, settings, monkeypatch):
    """A fresh private bucket as the "private" storage, configured as production
    configures it from S3_BUCKET (portal/settings/base.py)."""
    name = f"openloket-{uuid.uuid4().hex[:12]}"
    s3_server.create_bucket(name)
    settings.STORAGES = {
        **settings.STORAGES,
        "private": s3_private_storage(
            bucket=name,
            endpoint_url=s3_server.endpoint_url,
            region=REGION,
            access_key=ACCESS_KEY,
            secret_key=SECRET_KEY,
        ),
    }
    # FileField evaluates its storage callable once, at import (portal.storage).
    monkeypatch.setattr(Document._meta.get_field("file"), "storage", storages["private"])
    return name


@pytest.fixture
def upload_case():
    return CaseFactory(
        bsn=BSN, action_required=True, case_type=CaseTypeFactory(citizen_uploads=True)
    )


def test_the_s3_setting_is_the_private_s3_storage(bucket):
    assert isinstance(storages["private"], PrivateS3Storage)


def test_upload_lands_in_the_bucket_and_only_its_citizen_downloads_it(
    s3_server, bucket, citizen_client, upload_case, no_scanner
):
    response = post_file(citizen_client, upload_case, samples.pdf(), "loonstrook.pdf")
    assert response.status_code == 302
    document = Document.objects.get()
    key = f"private/{document.file.name}"
    assert s3_server.keys(bucket) == {key}
    stored = s3_server.client().get_object(Bucket=bucket, Key=key)["Body"].read()
    assert stored == samples.pdf()

    download = citizen_client.get(document.get_absolute_url())
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == samples.pdf()

    other = log_in(Client(), CitizenFactory(bsn=OTHER_BSN))
    assert other.get(document.get_absolute_url()).status_code == 404
    assert Client().get(document.get_absolute_url()).status_code == 302  # to the login


def test_stored_objects_are_private_and_have_no_url(s3_server, bucket):
    document = DocumentFactory(case=CaseFactory(bsn=BSN))
    key = f"private/{document.file.name}"
    grants = s3_server.client().get_object_acl(Bucket=bucket, Key=key)["Grants"]
    assert [grant["Permission"] for grant in grants] == ["FULL_CONTROL"]
    assert all(grant["Grantee"]["Type"] == "CanonicalUser" for grant in grants)
    # An anonymous GET of the object itself is refused by the server.
    anonymous = requests.get(f"{s3_server.endpoint_url}/{bucket}/{key}", timeout=10)
    assert anonymous.status_code == 403
    assert samples.pdf() not in anonymous.content
    # No pre-signed URL either: documents leave through the download view only.
    with pytest.raises(NotImplementedError):
        document.file.url  # noqa: B018


def test_a_failing_upload_transaction_leaves_no_object(
    s3_server, bucket, citizen_client, upload_case, no_scanner
):
    with (
        mock.patch("documents.services.log_case_access", side_effect=RuntimeError("db down")),
        pytest.raises(RuntimeError),
    ):
        post_file(citizen_client, upload_case, samples.pdf())
    assert not Document.objects.exists()
    assert s3_server.keys(bucket) == set()
