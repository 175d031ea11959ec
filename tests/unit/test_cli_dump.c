/* SPDX-License-Identifier: Apache-2.0 */
/* test_cli_dump.c - the --http-debug dump's redaction of the Authorization
 * header, at every split of the bytes. */
#include "check.h"
#include "../../boards/linux/cli_dump.h"

static void dump_redaction_any_split(void)
{
    static const char req[] = "GET / HTTP/1.1\r\nHost: h\r\nauthorization: Token s3cret-token\r\nAccept: x\r\n\r\n";
    static const char want[] = "GET / HTTP/1.1\r\nHost: h\r\nAuthorization: Token <redacted>\r\nAccept: x\r\n\r\n";
    for (size_t split = 0; split < sizeof req - 1; split++) {
        cli_dump_t n;
        cli_dump_init(&n, NULL);
        char out[256];
        size_t k = cli_dump_redact(&n, (const uint8_t *)req, split, out, sizeof out);
        k += cli_dump_redact(&n, (const uint8_t *)req + split, sizeof req - 1 - split, out + k, sizeof out - k);
        out[k] = '\0';
        CHECK_EQ_STR(out, want);
    }
}

int main(void)
{
    RUN(dump_redaction_any_split);
    return check_summary();
}
