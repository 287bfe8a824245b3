"""Development key pairs: several processes starting at once share one pair.

Under gunicorn (bench/load.py) both workers used to generate their own SP and
IdP keys on the first login and keep signing with them, while the files on disk
held the other worker's: every login crossing workers failed its signature check.
"""

import multiprocessing

from identity.devidp import devkeys


def _first_use(queue) -> None:
    key_path, cert_path = devkeys.dev_key_pair("sp")
    queue.put((key_path.read_bytes(), cert_path.read_bytes()))


def test_processes_racing_to_first_use_all_get_the_same_pair(tmp_path, monkeypatch):
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
