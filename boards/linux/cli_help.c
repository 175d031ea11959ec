/* SPDX-License-Identifier: Apache-2.0 */
/* cli_help.c - fixed help texts (see cli_help.h). */
#include "cli_help.h"

#define COMMON_OPTIONS \
    "COMMON OPTIONS:\n" \
    "   --host value                     HTTP address of InfluxDB [$INFLUX_HOST]\n" \
    "   --skip-verify                    Skip TLS certificate chain and host name verification [$INFLUX_SKIP_VERIFY]\n" \
    "   --configs-path value             Path to the influx CLI configurations [$INFLUX_CONFIGS_PATH]\n" \
    "   --active-config value, -c value  Config name to use for command [$INFLUX_ACTIVE_CONFIG]\n" \
    "   --http-debug                     \n" \
    "   --json                           Output data as JSON [$INFLUX_OUTPUT_JSON]\n" \
    "   --hide-headers                   Hide the table headers in output data [$INFLUX_HIDE_HEADERS]\n" \
    "   --token value, -t value          Token to authenticate request [$INFLUX_TOKEN]\n" \
    "   \n"

#define LITE_OPTIONS \
    "   --ids-from value      Read authorization IDs from a file, one a line (- for stdin; blank lines and # comments skipped)\n" \
    "   --timeout value       Deadline of each inactivation: connect, TLS handshake and every request (default: 30s) [$INFLUX_LITE_TIMEOUT]\n" \
    "   --retries value       Retry connection failures (never an HTTP answer) with backoff, within --timeout (default: 0)\n" \
    "   --ca-cert value       PEM file of the CA certificates to trust (instead of $SSL_CERT_FILE and the system's)\n" \
    "   --pin-sha256 value    SHA-256 of the server's public key (SubjectPublicKeyInfo): base64, sha256//base64 or hex\n" \
    "   --token-file value    Read the token from a file (a regular file; one trailing newline dropped) [$INFLUX_TOKEN_FILE]\n"

static const char help_auth_inactive[] =
    "NAME:\n"
    "   influx auth inactive - Inactive authorization\n"
    "\n"
    "USAGE:\n"
    "   influx auth inactive [command options] [arguments...]\n"
    "\n"
    COMMON_OPTIONS
    "OPTIONS:\n"
    "   --id value, -i value  The authorization ID (required)\n"
    LITE_OPTIONS
    "   \n";

static const char help_v1_set_inactive[] =
    "NAME:\n"
    "   influx v1 auth set-inactive - Change the status of an authorization to inactive\n"
    "\n"
    "USAGE:\n"
    "   influx v1 auth set-inactive [command options] [arguments...]\n"
    "\n"
    COMMON_OPTIONS
    "OPTIONS:\n"
    "   --id value, -i value  The ID of the authorization\n"
    "   --username value      The username of the authorization [$INFLUX_USERNAME]\n"
    LITE_OPTIONS
    "   \n";

static const char help_app[] =
    "NAME:\n"
    "   influx - Influx Client\n"
    "\n"
    "USAGE:\n"
    "   influx [command]\n"
    "\n"
    "COMMANDS:\n"
    "   version              Print the influx CLI version\n"
    "   completion           Generates completion scripts\n"
    "   v1                   InfluxDB v1 management commands\n"
    "   auth, authorization  Authorization management commands\n"
    "   help, h              Shows a list of commands or help for one command\n"
    "\n"
    "GLOBAL OPTIONS:\n"
    "   --help, -h  show help\n";

static const char help_auth[] =
    "NAME:\n"
    "   influx auth - Authorization management commands\n"
    "\n"
    "USAGE:\n"
    "   influx auth command [command options] [arguments...]\n"
    "\n"
    "COMMANDS:\n"
    "   inactive  Inactive authorization\n"
    "   help, h   Shows a list of commands or help for one command\n"
    "\n"
    "OPTIONS:\n"
    "   --help, -h  show help\n"
    "   \n";

static const char help_v1[] =
    "NAME:\n"
    "   influx v1 - InfluxDB v1 management commands\n"
    "\n"
    "USAGE:\n"
    "   influx v1 command [command options] [arguments...]\n"
    "\n"
    "COMMANDS:\n"
    "   auth, authorization  Authorization management commands for v1 APIs\n"
    "   help, h              Shows a list of commands or help for one command\n"
    "\n"
    "OPTIONS:\n"
    "   --help, -h  show help\n"
    "   \n";

static const char help_v1_auth[] =
    "NAME:\n"
    "   influx v1 auth - Authorization management commands for v1 APIs\n"
    "\n"
    "USAGE:\n"
    "   influx v1 auth command [command options] [arguments...]\n"
    "\n"
    "COMMANDS:\n"
    "   set-inactive  Change the status of an authorization to inactive\n"
    "   help, h       Shows a list of commands or help for one command\n"
    "\n"
    "OPTIONS:\n"
    "   --help, -h  show help\n"
    "   \n";

static const char help_completion[] =
    "NAME:\n"
    "   influx completion - Generates completion scripts\n"
    "\n"
    "USAGE:\n"
    "   influx completion [command options] [bash|zsh|powershell]\n"
    "\n"
    "OPTIONS:\n"
    "   --help, -h  show help\n"
    "   \n";

const char *cli_help_text(cli_level_t level)
{
    switch (level) {
    case CLI_LEVEL_AUTH: return help_auth;
    case CLI_LEVEL_V1: return help_v1;
    case CLI_LEVEL_V1_AUTH: return help_v1_auth;
    case CLI_LEVEL_AUTH_INACTIVE: return help_auth_inactive;
    case CLI_LEVEL_V1_SET_INACTIVE: return help_v1_set_inactive;
    case CLI_LEVEL_COMPLETION: return help_completion;
    case CLI_LEVEL_APP:
    default: return help_app;
    }
}
