/* SPDX-License-Identifier: Apache-2.0 */
/* status.c - il_status_str, il_status_class, il_status_retry: lookups in
 * tables generated from IL_STATUS_LIST (include/il_status.h). */
#include <stddef.h>
#include <stdint.h>
#include "il_status.h"

/* The texts as one struct of char arrays and their offsets in it: no
 * pointer table, so nothing to relocate in a position-independent build,
 * and 2 bytes a status instead of a pointer. (end_ gives tools that read C
 * without expanding macros, pmccabe's gate among them, a declaration.) */
#define STATUS_FIELD_(name, cls, retry, text) char name[sizeof(text)];
struct status_texts {
    IL_STATUS_LIST(STATUS_FIELD_) char end_[1];
};
#undef STATUS_FIELD_
#define STATUS_TEXT_(name, cls, retry, text) text,
static const struct status_texts status_texts = {IL_STATUS_LIST(STATUS_TEXT_) ""};
#undef STATUS_TEXT_
#define STATUS_OFFSET_(name, cls, retry, text) (uint16_t)offsetof(struct status_texts, name),
static const uint16_t status_offset[] = {IL_STATUS_LIST(STATUS_OFFSET_)};
#undef STATUS_OFFSET_

/* class in the low 4 bits, retry rule above */
#define STATUS_INFO_(name, cls, retry, text) (uint8_t)((cls) | ((retry) << 4)),
static const uint8_t status_info[] = {IL_STATUS_LIST(STATUS_INFO_)};
#undef STATUS_INFO_

typedef char status_text_complete[sizeof status_offset / sizeof status_offset[0] == IL_STATUS_COUNT
                                  ? 1 : -1];
typedef char status_class_fits[IL_CLASS_COUNT <= 16 ? 1 : -1];

const char *il_status_str(il_status_t status)
{
    if ((unsigned)status >= IL_STATUS_COUNT) return "unknown error";
    return (const char *)&status_texts + status_offset[status];
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
