"""The layers between a posted form and the database that need more than
the form's own fields: IP hashing, rate limits, duplicates, the blocklist.
Counters live in the shared cache, so with Redis they hold across every
server process."""

import hashlib
import re
import time
from datetime import timedelta

from django.core.cache import cache
from django.db.models import Q
from django.utils import timezone
from django.utils.crypto import salted_hmac

from broadsheet.comments import conf, text
from broadsheet.comments.models import Comment, normalise_email
from broadsheet.core.clients import client_address

IP_SALT = "broadsheet.comments.ip"


def ip_hash(request):
    """A keyed hash of the client's address: enough to tell one sender's
    posts apart, useless for finding the address (the key is SECRET_KEY)."""
    address = client_address(request)
    return salted_hmac(IP_SALT, address, algorithm="sha256").hexdigest()


def rate_limited(ip, email):
    """Count this post; True when it is over a limit. A fixed window per
    sender: a marker made with add() holds when it started, and the count
    is kept under a key named after that start, bumped with incr() (both
    atomic in Redis).

    The count's key names its window because Django's file and memory
    caches re-set a key's life to the default 300 s on incr(), which kept a
    sender limited long after their minute (review 2026-12, finding 15);
    the marker is never incr()'d, so it lives exactly its window. While the
    cache is down, each server process counts on its own
    (broadsheet/core/resilient_cache.py)."""
    limits = conf.get("COMMENTS_RATE_LIMITS")
    if not limits:
        return False
    senders = {"ip": ip, "email": normalise_email(email)}
    over = False
    for kind, (count, seconds) in limits.items():
        digest = hashlib.sha256(senders[kind].encode()).hexdigest()[:32]
        marker = f"comments:rate:{kind}:{digest}"
        now = time.time_ns()
        cache.add(marker, now, seconds)
        key = f"{marker}:{cache.get(marker, now)}"
        cache.add(key, 0, seconds)
        try:
            over |= cache.incr(key) > count
        except ValueError:  # expired between add() and incr()
            cache.add(key, 1, seconds)
    return over


def stamp_used(stamp, max_age):
    """True if this form stamp was sent before (a replay of one form)."""
    digest = hashlib.sha256(stamp.encode()).hexdigest()
    return not cache.add(f"comments:stamp:{digest}", 1, max_age)


def is_duplicate(article, email, ip, body):
    since = timezone.now() - timedelta(seconds=conf.get("COMMENTS_DUPLICATE_SECONDS"))
    same_sender = Q(email=normalise_email(email)) | Q(ip_hash=ip)
    return (
        Comment.objects.filter(same_sender, created_at__gte=since, body=body)
        .filter(Q(article=article) | Q(ip_hash=ip))
        .exists()
    )


def blocked(comment_settings, name, email, body):
    """Why the blocklist stops this comment, or ""."""
    words = comment_settings.blocked_word_list()
    haystack = f"{name}\n{email}\n{body}".lower()
    for word in words:
        if re.search(rf"(?<!\w){re.escape(word)}(?!\w)", haystack):
            return f"blocked word: {word}"
    hosts = [url.split("://", 1)[1].split("/", 1)[0] for url in text.urls(body)]
    hosts.append(normalise_email(email).rpartition("@")[2])
    for domain in comment_settings.blocked_domain_list():
        for host in hosts:
            host = host.lower().split(":", 1)[0].split("@")[-1]
            if host == domain or host.endswith("." + domain):
                return f"blocked domain: {domain}"
    return ""
