"""bench/load.py's parts: the settings it runs the portal with, its statistics,
and its driver's visits against a live server (so a template change that breaks
the driver's parsing fails here, not in the lead's load run)."""

import ast
import io
import json
import math
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.core.management import call_command

from bench import load_django, load_driver
from bench.load_memory import child_pids, first_last_window, proc_memory_kb
from bench.load_report import parse_access_log
from bench.stats import median, percentile
from cases.models import Case, CaseSource
from documents.models import DecisionRequest, DecisionTemplate
from identity.actors import Actor

ROOT = Path(django_settings.BASE_DIR)


# --- settings ---------------------------------------------------------------------
def _settings_of(module: str, **extra_env) -> dict:
    """The upper-case settings of a module, loaded in a clean process."""
    env = {
        **{k: v for k, v in os.environ.items() if k != "DIGID_DEV_IDP"},
        "DJANGO_SECRET_KEY": "bench-test-" + "q7Zr!x" * 8,
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        # What production requires and bench/load.py passes (docs/deploy.md).
        "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/openloket_bench",
        "PORTAL_BASE_URL": "http://127.0.0.1:8150",
        "VIRUS_SCAN_REQUIRED": "false",
        **extra_env,
    }
    env["DJANGO_SETTINGS_MODULE"] = module
    code = (
        "import json, sys, django\n"
        "django.setup()\n"
        "from django.conf import settings as s\n"
        "json.dump({k: repr(getattr(s, k)) for k in dir(s) if k.isupper()}, sys.stdout)"
    )
    done = subprocess.run(  # noqa: S603 - our own interpreter and code
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(done.stdout)


def test_bench_settings_are_production_plus_only_the_documented_changes():
    production = _settings_of("portal.settings.production")
    bench = _settings_of("bench.settings", BENCH_PROFILE="load")
    changed = {name for name in production if bench.get(name) != production[name]}
    assert changed - {"SETTINGS_MODULE"} == {
        "MIDDLEWARE",
        "DIGID_DEV_IDP",
        "DIGID_ARTIFACT_TLS_REQUIRED",
        "SECURE_SSL_REDIRECT",
        "SECURE_HSTS_SECONDS",
        "SESSION_COOKIE_SECURE",
        "CSRF_COOKIE_SECURE",
        "LANGUAGE_COOKIE_SECURE",
        "SESSION_COOKIE_NAME",
        "CSRF_COOKIE_NAME",
        "LANGUAGE_COOKIE_NAME",
        # The development IdP's app, and the SP's files pointed at what it writes
        # (portal/settings/devidp.py, decision 0027).
        "INSTALLED_APPS",
        "DIGID_SP_KEY_FILE",
        "DIGID_SP_CERT_FILE",
        "DIGID_SP_NEXT_KEY_FILE",
        "DIGID_SP_NEXT_CERT_FILE",
        "DIGID_IDP_METADATA_FILE",
    }
    assert ast.literal_eval(bench["INSTALLED_APPS"]) == [
        *ast.literal_eval(production["INSTALLED_APPS"]),
        "identity.devidp",
    ]
    assert bench["DEBUG"] == "False"
    assert bench["DIGID_DEV_IDP"] == "True"
    # Only the timing header added, first so it times the whole stack.
    assert ast.literal_eval(bench["MIDDLEWARE"]) == [
        "portal.middleware.ServerTimingMiddleware",
        *ast.literal_eval(production["MIDDLEWARE"]),
    ]
    assert set(bench) - set(production) == {"DIGID_DEV_IDP_DIR", "DIGID_DEV_IDP_METADATA_FILE"}
    assert set(production) - set(bench) == set()


def test_bench_scaleout_profile_is_the_drill_with_the_development_idp():
    # bench/drill_scaleout.py: two app servers log citizens in through the dev IdP.
    drill = _settings_of("bench.settings", BENCH_PROFILE="drill")
    scaleout = _settings_of("bench.settings", BENCH_PROFILE="scaleout")
    changed = {name for name in drill if scaleout.get(name) != drill[name]}
    assert changed == {
        "DIGID_DEV_IDP",
        "DIGID_ARTIFACT_TLS_REQUIRED",
        "INSTALLED_APPS",
        "DIGID_SP_KEY_FILE",
        "DIGID_SP_CERT_FILE",
        "DIGID_SP_NEXT_KEY_FILE",
        "DIGID_SP_NEXT_CERT_FILE",
        "DIGID_IDP_METADATA_FILE",
    }
    assert scaleout["DEBUG"] == "False"
    assert scaleout["MIDDLEWARE"] == drill["MIDDLEWARE"]
    assert set(scaleout) - set(drill) == {"DIGID_DEV_IDP_DIR", "DIGID_DEV_IDP_METADATA_FILE"}


def test_bench_production_profile_is_production_unchanged():
    # bench/product_page.py measures what production serves, redirects and HSTS included.
    production = _settings_of("portal.settings.production")
    bench = _settings_of("bench.settings", BENCH_PROFILE="production")
    assert {name for name in production if bench.get(name) != production[name]} == {
        "SETTINGS_MODULE"
    }
    assert set(bench) == set(production)


def test_production_settings_still_refuse_the_development_idp():
    with pytest.raises(subprocess.CalledProcessError) as refused:
        _settings_of("portal.settings.production", DIGID_DEV_IDP="true")
    assert "DIGID_DEV_IDP is on" in refused.value.stderr


# --- statistics -------------------------------------------------------------------
def test_percentile_is_nearest_rank():
    values = [float(v) for v in range(100, 0, -1)]  # 100..1, unsorted on purpose
    assert percentile(values, 0.5) == 50
    assert percentile(values, 0.95) == 95
    assert percentile(values, 0.99) == 99
    assert percentile([7.0], 0.99) == 7
    assert math.isnan(percentile([], 0.5))


def test_median_is_the_nearest_rank_50th_percentile():
    # An observed value, the lower middle one for an even count (not their mean).
    assert median([4.0, 1.0, 3.0, 2.0]) == 2
    assert median([3.0, 1.0, 2.0]) == 2


def test_access_log_gives_wall_and_cpu_milliseconds_per_endpoint():
    lines = [
        "12500 200 GET overview /mijn/ app;dur=11.0,cpu;dur=8.5",
        "7500 200 GET overview /mijn/ app;dur=7.0,cpu;dur=6.25",
        "1500000 200 POST - /digid/dev-idp/artifact/ -",
        "not a log line",
        "[2026-11-22 22:21:21 +0000] [1] [INFO] Booting worker with pid: 2",
    ]
    wall, cpu = parse_access_log(lines)
    assert wall == {"overview": [12.5, 7.5], "(internal) /digid/dev-idp/artifact/": [1500.0]}
    assert cpu == {"overview": [8.5, 6.25]}


def test_memory_and_children_come_from_proc(tmp_path):
    (tmp_path / "41" / "task" / "41").mkdir(parents=True)
    (tmp_path / "41" / "task" / "43").mkdir(parents=True)
    (tmp_path / "41" / "task" / "41" / "children").write_text("44 45 ")
    (tmp_path / "41" / "task" / "43" / "children").write_text("45")
    (tmp_path / "44").mkdir()
    (tmp_path / "44" / "status").write_text(
        "Name:\tgunicorn\nVmHWM:\t  204800 kB\nVmRSS:\t  190000 kB\nThreads:\t5\n"
    )
    assert child_pids(41, proc=tmp_path) == [44, 45]
    assert proc_memory_kb(44, proc=tmp_path) == {"VmHWM": 204800, "VmRSS": 190000}


def test_own_process_memory_is_readable():
    memory = proc_memory_kb(os.getpid())
    assert 0 < memory["VmRSS"] <= memory["VmHWM"]


def test_first_and_last_window_means():
    samples = [(0.0, 100), (5.0, 110), (60.0, 150), (115.0, 200), (120.0, 210)]
    assert first_last_window(samples, 10) == (105, 205)
    assert all(math.isnan(v) for v in first_last_window([], 10))


# --- the driver against a live portal -------------------------------------------------
@pytest.fixture
def portal(live_server, move_dev_idp):
    move_dev_idp(portal=live_server.url)
    return live_server.url


@pytest.mark.django_db(transaction=True)
def test_driver_visits_log_in_browse_download_and_request_without_errors(portal, tmp_path):
    call_command("seed_demo", stdout=io.StringIO())
    plan_path = tmp_path / "plan.json"
    load_django.seed(3, plan_path)
    plan = json.loads(plan_path.read_text())
    plan["bench_bsns"] = plan["bench_bsns"][:1]  # so the third visit finds the first's case
    assert set(plan["request_products"]) >= {"verhuizing-doorgeven", "bijzondere-bijstand"}

    budget = load_driver.Budget(duration=300, max_requests=200, rate=0)
    results = load_driver.Results()
    citizen = load_driver.Citizen(
        base=portal, idp=portal, plan=plan, budget=budget, results=results, seed=3
    )
    citizen.visit(demo=True, submit=False)
    citizen.visit(demo=False, submit=True)
    citizen.visit(demo=False, submit=False)  # downloads the receipt of that request

    assert results.errors == {}
    seen = {name for name, values in results.latency_ms.items() if values}
    assert seen >= {
        "login_page",
        "digid_start",
        "idp_sso",
        "idp_form",
        "idp_submit",
        "acs",
        "overview",
        "case",
        "download",
        "product",
        "search",
        "request_form",
        "request_check",
        "request_send",
        "request_sent",
    }
    requested = Case.objects.filter(source=CaseSource.REQUEST, roles__bsn__in=plan["bench_bsns"])
    assert requested.count() == 1

    # The feeder records a decision on that case for the task worker to render, once.
    templates = {t.case_type_id: t for t in DecisionTemplate.objects.all()}
    actor = Actor.system("test")
    assert load_django.record_one_decision(actor, templates)
    assert not load_django.record_one_decision(actor, templates)
    assert DecisionRequest.objects.filter(case=requested.get()).count() == 1


def test_idp_metadata_moves_only_the_artifact_back_channel(db, settings, tmp_path):
    settings.PORTAL_BASE_URL = "http://127.0.0.1:8140"
    path = tmp_path / "idp.xml"
    load_django.write_idp_metadata(path, "http://127.0.0.1:8141")
    from identity.saml.idp_metadata import parse_idp_metadata

    info = parse_idp_metadata(path.read_bytes())
    assert info.artifact_resolution == {0: "http://127.0.0.1:8141/digid/dev-idp/artifact/"}
    assert info.sso_url == "http://127.0.0.1:8140/digid/dev-idp/sso/"
    assert info.entity_id == "http://127.0.0.1:8140/digid/dev-idp/metadata/"
