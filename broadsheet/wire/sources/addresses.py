"""Which addresses a source may be fetched from.

A source URL is typed by an administrator, but it is fetched by the server,
from inside the network: a URL naming (or resolving to) the loopback, a
private network, a link-local address such as a cloud's metadata service
(169.254.169.254) or any other address that is not on the public internet
would let a feed reach what only the server should reach. Such addresses are
refused at every fetch and every redirect, not only when a source is saved,
and the connection is made to the address that was checked (see
http.resolve), so a DNS answer that changes between check and connect
(rebinding) cannot slip past. WIRE_ALLOWED_NETWORKS opens named networks
(tests and benchmarks: the loopback; an agency on the company network).
"""

import ipaddress
import socket

from django.conf import settings


class Refused(Exception):
    """The URL may not be fetched; the message says why, in one line."""


def allowed_networks():
    return [
        ipaddress.ip_network(network, strict=False)
        for network in settings.WIRE_ALLOWED_NETWORKS
    ]


def plain(address):
    """An IPv4 address written as IPv6 (::ffff:10.0.0.1) is that IPv4 address."""
    if address.version == 6 and address.ipv4_mapped is not None:
        return address.ipv4_mapped
    return address


def why_not(address: str) -> str:
    """ "" if the address may be fetched from, else what it is."""
    ip = plain(ipaddress.ip_address(address.split("%", 1)[0]))
    if any(ip in network for network in allowed_networks()):
        return ""
    if ip.is_global and not ip.is_multicast:
        return ""
    return f"{ip}, {kind(ip)}"


def kind(ip) -> str:
    if ip.is_unspecified:
        return "an unspecified address"
    if ip.is_loopback:
        return "a loopback address"
    if ip.is_link_local:
        return "a link-local address (as cloud metadata services use)"
    if ip.is_private:
        return "a private network address"
    if ip.is_multicast:
        return "a multicast address"
    return "a reserved address"


def resolve(host: str, port: int) -> list[str]:
    """Every address the host name resolves to, each checked: refused if any
    is not public (a name that resolves to an inside address is not fetched
    through its outside ones either)."""
    try:
        answers = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as error:
        raise Refused(f"cannot resolve {host}: {error}") from error
    addresses = list(dict.fromkeys(answer[4][0] for answer in answers))
    for address in addresses:
        if reason := why_not(address):
            named = "" if host.strip("[]") == address else f"{host} resolves to "
            raise Refused(
                f"{named}{reason}: refused, not a public internet address "
                "(WIRE_ALLOWED_NETWORKS lists the exceptions)"
            )
    return addresses
