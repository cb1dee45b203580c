"""Session lifetime: an absolute limit on top of the inactivity timeout Django enforces."""

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login

SESSION_STARTED_KEY = "portal_session_started"


class SessionLifetimeMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            started = request.session.get(SESSION_STARTED_KEY)
            now = int(time.time())
            if started is None:
                request.session[SESSION_STARTED_KEY] = now
            elif now - started > settings.SESSION_ABSOLUTE_SECONDS:
                logout(request)
                messages.info(request, "Your session reached its time limit. Please sign in again.")
                return redirect_to_login(request.get_full_path())
            revoked = request.user.sessions_revoked_at
            if revoked is not None and started is not None and started <= revoked.timestamp():
                logout(request)
                return redirect_to_login(request.get_full_path())
        return self.get_response(request)
