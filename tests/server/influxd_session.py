# SPDX-License-Identifier: Apache-2.0
"""Sign-in and sessions of the influxd double (influxd_double.py), as influxd
v2.7.12 does them (the files are the same in v2.8.0 and v2.9.1, see
../shared/research/influxd-double-audit.md rows 1-4 and 21):

  POST /api/v2/signin    session/http_server.go handleSignin: Basic credentials
                         (net/http Request.BasicAuth), the user by name, its password
                         (tenant/service_user.go ComparePassword: a right password
                         outside 8..72 bytes is 403 "password change required"), then
                         204 with the session cookie (encodeCookieSession); every
                         other failure is the pretty 401 "unauthorized access"
                         (session/errors.go ErrUnauthorized). The user's status is
                         not looked at here.
  POST /api/v2/signout   handleSignout: the cookie's session ends, 204; else 401.
  a request with the cookie
                         http/authentication_middleware.go: a Token/Bearer header
                         wins (ProbeAuthScheme), else the influxdb-oss-session cookie;
                         an unknown or expired session is the compact 401, an
                         inactive user the compact 403 "User is inactive"; each use
                         renews the session to now + 5 min when that is later
                         (session/storage.go RefreshSession).

The cookie: influxdb-oss-session=<key>; Path=/api/; Expires=<now + 60 min>; HttpOnly;
[Secure, over TLS only;] SameSite=Strict (attributes in Go's http.Cookie.String order;
influxdb#24526 added HttpOnly and Secure). The key is 64 bytes in URL-safe base64,
88 characters ending in "==" (session/service.go: rand.NewTokenGenerator(64)); the
double derives them from a counter, so the n-th session after a reset always has
the same key (tests can name it), with the real key's form.

A session may do what the user may: its permissions are the user's organization
ownerships (authz.go OwnerPermissions), every permission of every authorization
the user owns, inactive ones included, and read/write of the user itself
(session/service.go getPermissionSet, authz.go MePermissions)."""
import base64
import binascii
import email.utils
import hashlib
import re
import time

COOKIE_NAME = "influxdb-oss-session"
SESSION_SECONDS = 60 * 60           # launcher/cmd.go: --session-length 60 (minutes)
RENEW_SECONDS = 5 * 60              # session.RenewSessionTime
MIN_PASSWORD, MAX_PASSWORD = 8, 72  # tenant: MinPasswordLen, MaxPasswordLen
TOKEN_CHARS = re.compile(r"[!#$%&'*+\-.^_`|~0-9A-Za-z]+")


def _trim(s):
    """textproto.TrimString: ASCII space, tab, CR and LF off both ends."""
    return s.strip(" \t\r\n")


def _cookie_value(raw):
    """net/http parseCookieValue(raw, allowDoubleQuote=true): the value, or None."""
    if len(raw) > 1 and raw[0] == '"' and raw[-1] == '"':
        raw = raw[1:-1]
    if any(not (0x20 <= ord(c) < 0x7f) or c in '";\\' for c in raw):
        return None
    return raw


def request_cookie(req, name=COOKIE_NAME):
    """net/http Request.Cookie(name) over every Cookie header line (readCookies): the
    first valid cookie of that name, or None."""
    for k, line in req.headers:
        if k.lower() != "cookie":
            continue
        for part in _trim(line).split(";"):
            part = _trim(part)
            if not part:
                continue
            cname, _, val = part.partition("=")
            if _trim(cname) != name or not TOKEN_CHARS.fullmatch(_trim(cname)):
                continue
            val = _cookie_value(val)
            if val is not None:
                return val
    return None


def basic_auth(req):
    """net/http Request.BasicAuth: (username, password), or None."""
    auth = req.header("Authorization") or ""
    if len(auth) < 6 or auth[:6].lower() != "basic ":
        return None
    try:
        raw = base64.b64decode(auth[6:].encode("latin-1"), validate=True)
    except (binascii.Error, ValueError):
        return None
    user, sep, password = raw.partition(b":")
    return (user.decode("utf-8", "replace"), password) if sep else None


def owner_permissions(org_id, resource_types, perm):
    """authz.go OwnerPermissions(orgID)."""
    out = []
    for rtype in resource_types:
        for action in ("read", "write"):
            out.append(perm(action, rtype, org_id) if rtype == "orgs" else perm(action, rtype, None, org_id))
    return out


class Sessions:
    """The session store of one double (reset with its state)."""

    def __init__(self):
        self.by_key = {}
        self.count = 0

    def new_key(self):
        self.count += 1
        digest = hashlib.sha512(b"influxd-double-session-%d" % self.count).digest()
        return base64.urlsafe_b64encode(digest).decode()

    def create(self, user_id):
        now = time.time()
        s = {"key": self.new_key(), "userID": user_id, "createdAt": now, "expiresAt": now + SESSION_SECONDS}
        self.by_key[s["key"]] = s
        return s

    def find(self, key):
        """The live session of key (an expired one is gone, as in influxd's store), or None."""
        s = self.by_key.get(key)
        if s is not None and s["expiresAt"] <= time.time():
            del self.by_key[key]
            return None
        return s


def set_cookie_header(session, tls):
    """encodeCookieSession's Set-Cookie value, in Go's Cookie.String attribute order."""
    expires = email.utils.formatdate(session["expiresAt"], usegmt=True)
    return "%s=%s; Path=/api/; Expires=%s; HttpOnly%s; SameSite=Strict" % (
        COOKIE_NAME, session["key"], expires, "; Secure" if tls else "")


def signin(double, req, answers):
    """handleSignin: the new session's Set-Cookie value, or the APIError raised
    (answers is the double's module, whose APIError builds the answers)."""
    unauthorized = answers.APIError(401, "unauthorized", "unauthorized access")
    creds = basic_auth(req)
    if creds is None:
        raise unauthorized
    name, password = creds
    user = next((u for u in double.state["users"].values() if u["name"] == name), None)
    if user is None or user.get("password") is None or user["password"].encode("utf-8") != password:
        raise unauthorized
    if not MIN_PASSWORD <= len(password) <= MAX_PASSWORD:
        raise answers.APIError(403, "forbidden", "password change required\n"
                               "passwords must be between %d and %d characters long" % (MIN_PASSWORD, MAX_PASSWORD))
    s = double.sessions.create(user["id"])
    return set_cookie_header(s, getattr(req, "tls", False))


def signout(double, req, answers):
    """handleSignout: the session of the cookie ends; 401 when there is none."""
    key = request_cookie(req)
    if key is None or double.sessions.find(key) is None:
        raise answers.APIError(401, "unauthorized", "unauthorized access")
    del double.sessions.by_key[key]


def session_caller(double, key, answers, resource_types, perm):
    """extractSession + isUserActive: the caller a session stands for (a dict shaped
    like an authorization: status, userID, permissions)."""
    s = double.sessions.find(key)
    if s is None:
        raise answers.APIError(401, "unauthorized", "unauthorized access", pretty=False)
    s["expiresAt"] = max(s["expiresAt"], time.time() + RENEW_SECONDS)
    uid = s["userID"]
    user = double.state["users"].get(uid)
    if user is None or user["status"] == "inactive":
        raise answers.APIError(403, "forbidden", "User is inactive", pretty=False)
    perms = []
    for org_id in user.get("owns", []):
        perms += owner_permissions(org_id, resource_types, perm)
    for a in sorted(double.state["auths"].values(), key=lambda a: a["id"]):
        if a["userID"] == uid:
            perms += a["permissions"]
    perms += [perm("read", "users", uid), perm("write", "users", uid)]
    return {"id": None, "status": "active", "userID": uid, "permissions": perms, "session": True}
