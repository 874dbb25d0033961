vcl 4.1;
# Varnish in front of Cổng's nginx (README, "A cache or CDN in front"). It keeps what the portal's
# Cache-Control allows (public pages without a query, for CDN_CACHE_SECONDS) and passes every request
# that carries a cookie (editors, a chosen language). The portal tells it which URLs a publish
# changed with PURGE requests (FRONTEND_CACHE with Wagtail's HTTPBackend), accepted only from the
# addresses in "purgers". Put nginx's address in the backend:
#   sed -e s/@BACKEND_HOST@/127.0.0.1/ -e s/@BACKEND_PORT@/8080/ cong.vcl > /etc/varnish/default.vcl

backend default {
    .host = "@BACKEND_HOST@";
    .port = "@BACKEND_PORT@";
}

acl purgers {
    "127.0.0.1";
    "::1";
}

sub vcl_recv {
    if (req.method == "PURGE") {
        if (client.ip !~ purgers) {
            return (synth(405, "Not allowed"));
        }
        return (purge);
    }
}

sub vcl_deliver {
    if (obj.hits > 0) {
        set resp.http.X-Cdn-Cache = "hit";
    } else {
        set resp.http.X-Cdn-Cache = "miss";
    }
}
