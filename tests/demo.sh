#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# make demo: start the bundled InfluxDB test server on 127.0.0.1, create a
# device token with the operator token, inactivate it with influx-lite, show
# the table and what the server now says, then stop the server.
set -euo pipefail
bin=${1:-build/influx-lite}
. "$(dirname "$0")/lib/suite.sh"
. "$ROOT/tests/lib/double.sh"

double_start SERVER --max-seconds 120
host="http://127.0.0.1:$SERVER_PORT"
echo "== InfluxDB test server on $host"

# what an operator would do with `influx auth create`: a token for one device
id=$(python3 - "$host" <<'PY'
import json, sys, urllib.request
body = {"orgID": "0a1b2c3d4e5f6071", "description": "demo device 0042",
        "permissions": [{"action": "write", "resource": {"type": "buckets", "orgID": "0a1b2c3d4e5f6071",
                                                          "id": "0c1d2e3f40516273"}}]}
req = urllib.request.Request(sys.argv[1] + "/api/v2/authorizations", data=json.dumps(body).encode(),
                             method="POST", headers={"Authorization": "Token op-token-for-tests",
                                                     "Content-Type": "application/json"})
print(json.load(urllib.request.urlopen(req))["id"])
PY
)
echo "== created authorization $id (status active)"
echo "== $bin auth inactive --host $host -t <operator token> --id $id"
"$bin" auth inactive --host "$host" -t op-token-for-tests --id "$id"
echo "== the server now reports:"
python3 - "$host" "$id" <<'PY'
import json, sys, urllib.request
req = urllib.request.Request(sys.argv[1] + "/api/v2/authorizations/" + sys.argv[2],
                             headers={"Authorization": "Token op-token-for-tests"})
a = json.load(urllib.request.urlopen(req))
print("   authorization %s (%s): status %s" % (a["id"], a["description"], a["status"]))
PY
