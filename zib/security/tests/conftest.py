import pytest

from .factories import PASSWORD, AdminUserFactory


@pytest.fixture
def editor(db):
    """An admin user, not signed in."""
    return AdminUserFactory()


@pytest.fixture
def signed_in(client, editor):
    """A client signed in with the password only, through the real login form."""
    response = client.post("/admin/login/", {"username": editor.username, "password": PASSWORD})
    assert response.status_code == 302
    return client
