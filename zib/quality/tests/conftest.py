"""Fixtures of the site-wide quality gates: the demo site and a headless Chromium."""

import os
import shutil

import pytest
from django.db import transaction

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--headless=new",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
CHROMIUM_MISSING = "BROWSER TESTS SKIPPED: install Debian's chromium (apt-get install chromium)"


@pytest.fixture(scope="module")
def demo_site(django_db_setup, django_db_blocker):
    """The demo content, loaded once per module and rolled back afterwards.

    Tests using it request ``db`` as usual; their own changes are undone
    after each test, the demo content after the module.
    """
    from zib.demo.services import load_demo

    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            yield load_demo()
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


def chromium_path():
    return shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.fixture(scope="session")
def browser():
    """One headless Chromium for the whole session (Debian's package, not a download)."""
    executable = chromium_path()
    if not executable:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail("Chromium is required in CI (CI=true): apt-get install chromium")
        pytest.skip(CHROMIUM_MISSING)
    # Playwright's synchronous API runs an event loop in this thread; the
    # live server and the ORM calls of the tests are still synchronous.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    # Read from the reports, so it also works when pytest-xdist ran the tests
    # in other processes.
    skipped = [
        report
        for report in terminalreporter.stats.get("skipped", [])
        if CHROMIUM_MISSING in str(getattr(report, "longrepr", ""))
    ]
    if skipped:
        terminalreporter.section("browser tests", sep="!", red=True, bold=True)
        terminalreporter.write_line(f"{CHROMIUM_MISSING} ({len(skipped)} tests)", red=True, bold=True)
