"""Contact messages in the admin: readable and deletable, never editable."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.urls import NoReverseMatch, reverse

from .factories import ContactMessageFactory


@pytest.fixture
def message(home_page):
    return ContactMessageFactory(page__parent=home_page, message="Bitte um Rückruf.")


def login(client, *, superuser=False, permissions=()):
    User = get_user_model()
    if superuser:
        user = User.objects.create_superuser("admin", "admin@example.org", "pw-1234-abcd")
    else:
        user = User.objects.create_user("staff", "staff@example.org", "pw-1234-abcd")
        group = Group.objects.create(name="Test")
        group.permissions.add(Permission.objects.get(codename="access_admin"))
        for codename in permissions:
            group.permissions.add(Permission.objects.get(codename=codename))
        user.groups.add(group)
    client.force_login(user)
    return user


def test_superuser_reads_messages_but_cannot_edit_or_add(client, message):
    login(client, superuser=True)
    listing = client.get(reverse("contact_messages:index"))
    assert listing.status_code == 200
    assert "Amina Beispiel" in listing.content.decode()
    assert "Amina Beispiel" in client.get(reverse("contact_messages:index") + "?q=Rückruf").content.decode()
    assert (
        "Amina Beispiel" not in client.get(reverse("contact_messages:index") + "?q=nichts").content.decode()
    )
    inspect = client.get(reverse("contact_messages:inspect", args=[message.pk]))
    assert "Bitte um Rückruf." in inspect.content.decode()
    assert client.get(reverse("contact_messages:edit", args=[message.pk])).status_code in (302, 403)
    with pytest.raises(NoReverseMatch):
        reverse("contact_messages:copy", args=[message.pk])
    assert client.get(reverse("contact_messages:add")).status_code in (302, 403)


def test_messages_need_the_view_permission(client, message):
    login(client)
    assert client.get(reverse("contact_messages:index")).status_code in (302, 403)


def test_staff_with_permission_can_read_and_delete(client, message):
    login(client, permissions=["view_contactmessage", "delete_contactmessage"])
    assert client.get(reverse("contact_messages:index")).status_code == 200
    response = client.post(reverse("contact_messages:delete", args=[message.pk]))
    assert response.status_code == 302
    assert not type(message).objects.exists()
