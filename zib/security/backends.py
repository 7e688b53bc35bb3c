"""Authentication backend with login throttling (django-axes)."""

from axes.backends import AxesStandaloneBackend


class LoginThrottleBackend(AxesStandaloneBackend):
    """django-axes for every sign-in over HTTP.

    Axes needs the request to count failures per user name and address.
    Sign-ins from code (the shell, ``Client.login`` in tests) carry no
    request and cannot be guessed at from outside, so they are left to the
    next backend instead of failing.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)
