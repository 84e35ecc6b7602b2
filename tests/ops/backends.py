from axes.backends import AxesStandaloneBackend


class AxesBackendAllowingTestLogin(AxesStandaloneBackend):
    """Test settings only: Django's test Client.login() authenticates without a request; axes' backend
    refuses that. With a request (every real sign-in) it is axes' backend unchanged."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)
