"""The client's address, for rate limits and the login lockout.

Behind N trusted reverse proxies, the last N hops of the request are known: the nearest
proxy is REMOTE_ADDR and each proxy appends the address it received from to
X-Forwarded-For. The client's address is therefore the N-th entry from the right; anything
to the left of it was written by the client and proves nothing. With no proxies
(TRUSTED_PROXY_COUNT=0, the default) only REMOTE_ADDR is used, whatever the headers say.
"""

from ipaddress import ip_address

from django.conf import settings


def client_ip(request) -> str:
    remote = request.META.get("REMOTE_ADDR", "")
    count = settings.TRUSTED_PROXY_COUNT
    if count <= 0:
        return remote
    hops = [hop.strip() for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    hops = [hop for hop in hops if hop]
    # A header shorter than the proxies should have made means a proxy is not adding it:
    # trust none of it rather than a value the client may have sent.
    if len(hops) < count:
        return remote
    candidate = hops[-count]
    try:
        return str(ip_address(candidate))
    except ValueError:
        return remote
