"""Varnish with the xkey vmod (Debian's varnish-modules): an HTTP PURGE to
each Varnish with the tags in an ``xkey-purge`` (or ``xkey-softpurge``)
header, as docs/deploy/varnish.vcl answers it. Responses name their tags in
an ``xkey`` header, space-separated."""

from broadsheet.cdn.backends.base import PurgeBackend


class VarnishBackend(PurgeBackend):
    tag_header = "xkey"

    def purge_batch(self, tags):
        header = "xkey-softpurge" if self.soft else "xkey-purge"
        # Every Varnish holds its own copies: each is purged, and one that is
        # down does not stop the others (its failure is raised at the end).
        failures = []
        for url in self.urls:
            try:
                self.send("PURGE", url, headers={header: " ".join(tags)})
            except Exception as error:  # noqa: BLE001 - collected, raised below
                failures.append(error)
        if failures:
            raise failures[0]
