"""Cloudflare: POST /zones/{zone_id}/purge_cache with {"tags": [...]} and an
API token (Zone > Cache Purge) as a bearer token. Responses name their tags
in ``Cache-Tag``, comma-separated; Cloudflare strips it before the reader
sees the response.
https://developers.cloudflare.com/cache/how-to/purge-cache/purge-by-tags/"""

import json

from broadsheet.cdn.backends.base import PurgeBackend

API_URL = "https://api.cloudflare.com/client/v4"


class CloudflareBackend(PurgeBackend):
    tag_header = "Cache-Tag"
    separator = ","
    batch_size = 30  # tags a purge request may carry on every plan

    def purge_batch(self, tags):
        base = (self.urls[0] if self.urls else API_URL).rstrip("/")
        self.send(
            "POST",
            f"{base}/zones/{self.service_id}/purge_cache",
            body=json.dumps({"tags": tags}).encode(),
            headers={
                "Authorization": f"Bearer {self.token}",
                "Content-Type": "application/json",
            },
        )
