"""Development key pairs: several processes starting at once share one pair.

Under gunicorn (bench/load.py) both workers used to generate their own SP and
IdP keys on the first login and keep signing with them, while the files on disk
held the other worker's: every login crossing workers failed its signature check.
"""

import multiprocessing

import pytest

pytestmark = pytest.mark.devidp


def _first_use(queue) -> None:
    from identity.devidp import devkeys

    key_path, cert_path = devkeys.dev_key_pair("sp")
    queue.put((key_path.read_bytes(), cert_path.read_bytes()))


def test_processes_racing_to_first_use_all_get_the_same_pair(tmp_path, monkeypatch):
    from identity.devidp import devkeys

    monkeypatch.setattr(devkeys, "dev_key_dir", lambda: tmp_path / "digid-dev")
    context = multiprocessing.get_context("fork")  # children keep the patched directory
    queue = context.Queue()
    processes = [context.Process(target=_first_use, args=(queue,)) for _ in range(4)]
    for process in processes:
        process.start()
    pairs = {queue.get(timeout=60) for _ in processes}
    for process in processes:
        process.join(timeout=60)
    assert all(process.exitcode == 0 for process in processes)
    assert len(pairs) == 1
    assert pairs == {
        (
            (tmp_path / "digid-dev" / "sp.key").read_bytes(),
            (tmp_path / "digid-dev" / "sp.crt").read_bytes(),
        )
    }


def _start_up(queue) -> None:
    from identity.devidp.files import write_dev_files

    write_dev_files()
    queue.put(None)


def test_processes_starting_at_once_leave_one_set_of_files(tmp_path, monkeypatch, settings):
    """Two pytest runs (SQLite and PostgreSQL) start side by side: each app start-up
    writes keys and metadata; all end with one pair each and metadata naming it."""
    from identity.devidp import devkeys
    from identity.saml.idp_metadata import parse_idp_metadata

    monkeypatch.setattr(devkeys, "dev_key_dir", lambda: tmp_path / "digid-dev")
    metadata = tmp_path / "digid-dev" / "idp-metadata.xml"
    settings.DIGID_DEV_IDP_METADATA_FILE = str(metadata)
    context = multiprocessing.get_context("fork")
    queue = context.Queue()
    processes = [context.Process(target=_start_up, args=(queue,)) for _ in range(4)]
    for process in processes:
        process.start()
    for _ in processes:
        queue.get(timeout=60)
    for process in processes:
        process.join(timeout=60)
    assert all(process.exitcode == 0 for process in processes)
    cert = (tmp_path / "digid-dev" / "idp.crt").read_text()
    body = "".join(line for line in cert.splitlines() if "CERTIFICATE" not in line)
    assert parse_idp_metadata(metadata.read_bytes()).signing_certs == (body,)
    # Nothing half-written left behind.
    assert sorted(p.name for p in metadata.parent.iterdir() if p.name.startswith(".idp")) == []
