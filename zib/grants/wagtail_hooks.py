"""Admin registration: the grants menu (applications, budget overview)."""

from wagtail import hooks

from .viewsets import GrantsViewSetGroup


@hooks.register("register_admin_viewset")
def register_grants_viewsets():
    return GrantsViewSetGroup()
