# SPDX-License-Identifier: Apache-2.0
"""What influxd answers for a path outside its API, for the double (influxd_double.py):
http/platform_handler.go sends every path that does not start with /api/v2, /private/
or /v1 (and is not one of the root routes: /ping, /health, /ready, /metrics, /debug/,
the v1 /write and /query) to the UI's asset handler (static/static.go), which serves
the file named by the path or, when there is none, index.html: 200 text/html for any
method, PATCH included, through http.ServeContent, with Cache-Control
"public, max-age=3600", an ETag made of the size and the modification time's day and
clock, Last-Modified and Accept-Ranges (../shared/research/influxd-double-audit.md
row 6). A host URL with a path that a reverse proxy forwards unstripped lands here.
With --ui-disabled influxd has no asset handler: Go's 404 "404 page not found".

The page is the double's own stand-in for the UI's index.html (a single-page app's
shell); its bytes do not matter to a client, only that they are HTML."""
import email.utils
import time

INDEX_HTML = (b'<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
              b'<title>InfluxDB</title>\n</head>\n<body>\n<div id="react-root"></div>\n'
              b'<script src="/static/app.js"></script>\n</body>\n</html>\n')
# the embedded assets have no modification time: static.go takes the build date
BUILD_TIME = 1747699200          # 2025-05-20T00:00:00Z, the double's stand-in
ROOT_ROUTES = ("/ping", "/health", "/ready", "/metrics", "/debug/", "/write", "/query")


def is_ui_path(path):
    """True when influxd serves path from the UI's assets."""
    if path.startswith(("/api/v2", "/private/", "/v1")):
        return False
    return not any(path == r or (r.endswith("/") and path.startswith(r)) for r in ROOT_ROUTES)


def etag(size, t):
    """static.go etag: size, then the day, hour, minute and second, unpadded."""
    tm = time.gmtime(t)
    return '"%d%d%d%d%d"' % (size, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec)


def index_headers():
    """The headers ServeContent and mwSetCacheControl give index.html, as Go writes
    them (canonical names: "Etag"; Content-Length among the handler's headers, so
    before Date); Content-Type apart: the caller's Answer sets it."""
    return {"Cache-Control": "public, max-age=3600", "Etag": etag(len(INDEX_HTML), BUILD_TIME),
            "Last-Modified": email.utils.formatdate(BUILD_TIME, usegmt=True), "Accept-Ranges": "bytes",
            "Content-Length": str(len(INDEX_HTML))}
