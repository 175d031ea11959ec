/* SPDX-License-Identifier: Apache-2.0 */
/* status.c - il_status_str, il_status_class, il_status_retry: lookups in
 * tables generated from IL_STATUS_LIST (include/il_status.h). */
#include <stddef.h>
#include <stdint.h>
#include "il_status.h"

/* The texts as one struct of char arrays, one after the other with their
 * NULs (char arrays take no padding): no pointer or offset table, so
 * nothing to relocate in a position-independent build and no flash for an
 * index; a lookup skips that many texts, on error paths only. (end_ gives
 * tools that read C without expanding macros, pmccabe's gate among them, a
 * declaration.) */
#define STATUS_FIELD_(name, cls, retry, text) char name[sizeof(text)];
struct status_texts {
    IL_STATUS_LIST(STATUS_FIELD_) char end_[1];
};
#undef STATUS_FIELD_
#define STATUS_TEXT_(name, cls, retry, text) text,
static const struct status_texts status_texts = {IL_STATUS_LIST(STATUS_TEXT_) ""};
#undef STATUS_TEXT_

/* class in the low 4 bits, retry rule above */
#define STATUS_INFO_(name, cls, retry, text) (uint8_t)((cls) | ((retry) << 4)),
static const uint8_t status_info[] = {IL_STATUS_LIST(STATUS_INFO_)};
#undef STATUS_INFO_

typedef char status_info_complete[sizeof status_info == IL_STATUS_COUNT ? 1 : -1];
typedef char status_class_fits[IL_CLASS_COUNT <= 16 ? 1 : -1];

const char *il_status_str(il_status_t status)
{
    const char *p = (const char *)&status_texts;
    if ((unsigned)status >= IL_STATUS_COUNT) return "unknown error";
    for (unsigned n = (unsigned)status; n > 0; n--)
        while (*p++ != '\0') { }
    return p;
}

il_status_class_t il_status_class(il_status_t status)
{
    if ((unsigned)status >= IL_STATUS_COUNT) return IL_CLASS_CALLER;
    return (il_status_class_t)(status_info[status] & 15u);
}

il_status_retry_t il_status_retry(il_status_t status)
{
    if ((unsigned)status >= IL_STATUS_COUNT) return IL_RETRY_NEVER;
    return (il_status_retry_t)(status_info[status] >> 4);
}
