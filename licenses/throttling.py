"""The per-client limit on license creation, shared by the web form and the API."""

from rest_framework.throttling import ScopedRateThrottle

CREATE_SCOPE = "license_create"


class _CreateView:
    # ScopedRateThrottle reads the scope from the view it guards.
    throttle_scope = CREATE_SCOPE


def create_wait(request) -> int | None:
    """Count one creation for this client; the seconds to wait when over the limit.

    It uses the API's throttle and cache key, so the web "Create" and
    `POST /api/licenses/` draw on the same allowance (`LICENSE_CREATE_RATE`).
    """
    throttle = ScopedRateThrottle()
    if throttle.allow_request(request, _CreateView()):
        return None
    return max(1, round(throttle.wait() or 1))
