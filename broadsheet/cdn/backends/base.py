"""What a purge back end does: purge a batch of tags, or raise PurgeError.

Back ends speak plain HTTP through urllib3 (already a dependency); each call
has a short timeout, as a purge runs in the background and is retried.
"""

import urllib3


class PurgeError(Exception):
    """The cache in front did not confirm the purge (down, refused, 4xx/5xx)."""


class PurgeBackend:
    # The header a response names its tags in, and how tags are joined there.
    tag_header = ""
    separator = " "
    # Most tags one purge request may carry (the provider's API limit).
    batch_size = 256

    def __init__(self, urls=(), service_id="", token="", soft=False, timeout=2.0):
        self.urls = list(urls)
        self.service_id = service_id
        self.token = token
        self.soft = soft
        self.http = urllib3.PoolManager(
            timeout=urllib3.Timeout(total=timeout), retries=False
        )

    def purge(self, tags):
        """Purge every tag in `tags` (a sorted list), in batches."""
        for start in range(0, len(tags), self.batch_size):
            self.purge_batch(tags[start : start + self.batch_size])

    def purge_batch(self, tags):
        raise NotImplementedError

    def send(self, method, url, **kwargs):
        try:
            response = self.http.request(method, url, **kwargs)
        except urllib3.exceptions.HTTPError as error:
            raise PurgeError(f"{method} {url}: {error}") from error
        if not 200 <= response.status < 300:
            body = response.data[:200].decode("utf-8", "replace")
            raise PurgeError(f"{method} {url}: HTTP {response.status} {body}")
        return response
