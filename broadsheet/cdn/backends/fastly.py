"""Fastly: POST /service/{service_id}/purge with the keys in a
``Surrogate-Key`` header and the API token in ``Fastly-Key`` (a token with
the purge_select scope). Responses name their keys in ``Surrogate-Key``,
space-separated; Fastly strips it before the reader sees the response.
https://www.fastly.com/documentation/reference/api/purging/"""

from broadsheet.cdn.backends.base import PurgeBackend

API_URL = "https://api.fastly.com"


class FastlyBackend(PurgeBackend):
    tag_header = "Surrogate-Key"
    batch_size = 256  # Fastly's limit of keys a request

    def purge_batch(self, tags):
        base = (self.urls[0] if self.urls else API_URL).rstrip("/")
        headers = {"Fastly-Key": self.token, "Surrogate-Key": " ".join(tags)}
        if self.soft:
            headers["Fastly-Soft-Purge"] = "1"
        self.send("POST", f"{base}/service/{self.service_id}/purge", headers=headers)
