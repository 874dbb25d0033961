"""The address of the client behind a request: the one place the project decides it.

`X-Forwarded-For` is trusted only as far as the settings say reverse proxies stand in front of
Django (`TRUSTED_PROXY_COUNT`, README "Deployment settings"): each proxy appends the address it
received the request from, so the client is the entry that many places from the right. Whatever
a client writes into the header itself sits further left and is never read. With no proxy
configured the header is ignored and the socket's peer address is the client.
"""

from django.conf import settings
from ipware import get_client_ip

FORWARDED_FOR = ("HTTP_X_FORWARDED_FOR",)


def client_address(request):
    """The client's IP address as text ('' when the request carries none)."""
    peer = request.META.get("REMOTE_ADDR", "")
    proxies = settings.TRUSTED_PROXY_COUNT
    if not proxies:
        return peer
    # python-ipware counts the proxies after the client inside the header; the last proxy is the
    # socket's peer and appears in no header.
    address, _routable = get_client_ip(request, proxy_count=proxies - 1, request_header_order=FORWARDED_FOR,
                                       strict=False)
    return address or peer
