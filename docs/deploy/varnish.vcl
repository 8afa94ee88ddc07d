# Varnish in front of Broadsheet (docs/deploy.md, "CDN in front").
#
# Debian: apt install varnish varnish-modules (the xkey vmod), then point
# varnishd at this file (-f /etc/varnish/broadsheet.vcl) and Broadsheet at
# Varnish: CDN_PURGE_BACKEND=varnish CDN_PURGE_URLS=http://127.0.0.1:6081/
#
# What is stored is Broadsheet's decision, not this file's: only responses
# marked Surrogate-Control (anonymous readers' pages that are the same for
# everyone; see broadsheet/cdn/middleware.py) are kept, for the max-age it
# names, indexed by the tags in their xkey header. A publish, an unpublish or
# a settings change sends PURGE with an xkey-purge header naming the tags
# that went stale. Everything else is passed to Broadsheet as it came.

vcl 4.1;

import std;
import xkey;

backend broadsheet {
    # `broadsheet serve` (BIND).
    .host = "127.0.0.1";
    .port = "8000";
    .connect_timeout = 2s;
    .first_byte_timeout = 60s;
    .between_bytes_timeout = 10s;
}

# Who may purge: the machines Broadsheet's web and worker processes run on.
acl purgers {
    "127.0.0.1";
    "::1";
}

sub vcl_recv {
    if (req.method == "PURGE") {
        if (client.ip !~ purgers) {
            return (synth(403, "Purging is not allowed from " + client.ip));
        }
        if (req.http.xkey-purge) {
            set req.http.x-purged = xkey.purge(req.http.xkey-purge);
        } elseif (req.http.xkey-softpurge) {
            set req.http.x-purged = xkey.softpurge(req.http.xkey-softpurge);
        } else {
            # No tags: purge this one URL.
            return (purge);
        }
        return (synth(200, "Purged " + req.http.x-purged + " objects"));
    }

    # Anything that may change something, and the editors' side, goes
    # straight through.
    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    if (req.url ~ "^/(admin|cms|django-admin)(/|$)") {
        return (pass);
    }
    # Signed in (Django's session cookie) or sending credentials: an
    # editor's pages are never looked up nor stored. A reader's CSRF cookie
    # alone does not pass: it does not change a shared page, and Broadsheet
    # marks any page filled in for one reader private.
    if (req.http.Authorization || req.http.Cookie ~ "(^|;\s*)sessionid=") {
        return (pass);
    }

    # Tracking parameters change nothing a reader sees (Broadsheet ignores
    # them too: broadsheet/core/cache_keys.py): one copy, not one per campaign.
    if (req.url ~ "[?&](utm_[^=&]*|fbclid|gclid|gbraid|wbraid|dclid|msclkid|yclid|twclid|igshid|mc_cid|mc_eid|_ga|_gl|ref_src)=") {
        set req.url = regsuball(req.url,
            "(?<=[?&])(utm_[^=&]*|fbclid|gclid|gbraid|wbraid|dclid|msclkid|yclid|twclid|igshid|mc_cid|mc_eid|_ga|_gl|ref_src)=[^&]*(&|$)",
            "");
        set req.url = regsub(req.url, "[?&]$", "");
    }

    # One stored copy, gzipped, whatever browsers ask for (Varnish unzips
    # for the rare client that takes no gzip).
    if (req.http.Accept-Encoding ~ "gzip") {
        set req.http.Accept-Encoding = "gzip";
    } else {
        unset req.http.Accept-Encoding;
    }
    # Cookies are kept for Broadsheet, which decides; they do not enter the
    # hash (vcl_hash below), and nothing that depends on them is stored.
    return (hash);
}

sub vcl_hash {
    hash_data(req.url);
    if (req.http.host) {
        hash_data(req.http.host);
    } else {
        hash_data(server.ip);
    }
    # http:// and https:// pages name themselves differently.
    if (req.http.X-Forwarded-Proto) {
        hash_data(req.http.X-Forwarded-Proto);
    }
    return (lookup);
}

sub vcl_backend_response {
    if (bereq.uncacheable) {
        return (deliver);
    }
    # Stored only when Broadsheet marked it so, and never anything personal.
    if (!beresp.http.Surrogate-Control
        || beresp.http.Surrogate-Control !~ "max-age=[0-9]+"
        || beresp.http.Set-Cookie
        || beresp.http.Cache-Control ~ "(private|no-store|no-cache)"
        || beresp.http.Vary ~ "(?i)cookie"
        || beresp.status != 200) {
        # Hit-for-miss: the next requests go to Broadsheet at once rather
        # than queue behind each other, and a later shareable answer is kept.
        set beresp.uncacheable = true;
        set beresp.ttl = 10s;
        return (deliver);
    }
    set beresp.ttl = std.duration(
        regsub(beresp.http.Surrogate-Control, "^.*max-age=([0-9]+).*$", "\1s"), 0s);
    # stale-while-revalidate: an expired copy is served while one fetch
    # brings the next (grace); purged copies are gone at once.
    if (beresp.http.Surrogate-Control ~ "stale-while-revalidate=[0-9]+") {
        set beresp.grace = std.duration(regsub(beresp.http.Surrogate-Control,
            "^.*stale-while-revalidate=([0-9]+).*$", "\1s"), 0s);
    } else {
        set beresp.grace = 0s;
    }
    unset beresp.http.Surrogate-Control;
    if (beresp.http.Content-Type ~ "^text/" && !beresp.http.Content-Encoding) {
        set beresp.do_gzip = true;
    }
    return (deliver);
}

sub vcl_deliver {
    # The tags are for Varnish; readers need not see them.
    unset resp.http.xkey;
    unset resp.http.Surrogate-Key;
    unset resp.http.Cache-Tag;
    unset resp.http.CDN-Cache-Control;
    if (obj.uncacheable) {
        set resp.http.X-Varnish-Cache = "pass";
    } elseif (obj.hits > 0) {
        set resp.http.X-Varnish-Cache = "hit";
    } else {
        set resp.http.X-Varnish-Cache = "miss";
    }
    return (deliver);
}
