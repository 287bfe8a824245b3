"""Where webhooks may go: public internet addresses only.

A webhook URL is typed in by agency staff, and the portal POSTs to it from
inside the hosting network. Without a check, a URL such as
http://169.254.169.254/ or https://10.0.0.5/ would make the portal a proxy
into that network (server-side request forgery, OWASP A10:2021). So a
destination must resolve to global addresses only; every address the name
resolves to is checked, since a client may connect to any of them.

The check runs when a subscription is saved (a clear form error) and again
just before each delivery (DNS may have changed since). A name can still
change between our lookup and the connection (DNS rebinding); the firewall
rule that only lets the task workers reach the internet, noted in
docs/deploy.md, closes that window.

Some agencies reach their systems over a private government network
(Diginetwerk): settings API_WEBHOOK_ALLOWED_NETWORKS (environment variable,
comma-separated CIDRs) names the private networks that are allowed anyway.
Development allows loopback, for a receiver on 127.0.0.1.
"""

from __future__ import annotations

import ipaddress
import socket
from urllib.parse import urlsplit

from django.conf import settings


class BlockedDestination(ValueError):
    """The URL points into a private, loopback, link-local or reserved network."""


def resolve(host: str) -> list[ipaddress.IPv4Address | ipaddress.IPv6Address]:
    try:
        return [ipaddress.ip_address(host)]
    except ValueError:
        pass
    infos = socket.getaddrinfo(host, None, proto=socket.IPPROTO_TCP)
    return [ipaddress.ip_address(info[4][0].split("%", 1)[0]) for info in infos]


def check_destination(url: str) -> None:
    """Raise BlockedDestination when `url` may reach a non-public address.
    A name that does not resolve (socket.gaierror) is left to the caller:
    nothing can be sent to it either."""
    allowed = [ipaddress.ip_network(n) for n in settings.API_WEBHOOK_ALLOWED_NETWORKS]
    host = urlsplit(url).hostname or ""
    for address in resolve(host):
        if any(address in network for network in allowed):
            continue
        if not address.is_global or address.is_multicast:
            raise BlockedDestination(str(address))
