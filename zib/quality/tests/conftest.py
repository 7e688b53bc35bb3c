"""Fixtures of the site-wide quality gates: the demo site (the browser is in the root conftest)."""

import pytest
from django.db import transaction


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
