/* SPDX-License-Identifier: Apache-2.0 */
/* json_models.c - the official client's structs that json.c decodes into
 * (see il_json.h): their fields' json tags, kinds and slots. */
#include <stddef.h>
#include <stdint.h>
#include "il_json.h"

/* influx-cli v2.8.0 api/model_*.gen.go */

/* The json tags, each once, as one string (il_json_names); a field names
 * its tag by its offset there, which this struct of the same tags in the
 * same order gives. */
struct json_names {
    char status[7], description[12], createdAt[10], updatedAt[10], orgID[6], permissions[12], id[3];
    char token[6], userID[7], user[5], org[4], links[6], action[7], resource[9], type[5], name[5];
    char self[5], next[5], prev[5], authorizations[15], oauthID[8], code[5], message[8], op[3], err[4];
};
const char il_json_names[] = "status\0description\0createdAt\0updatedAt\0orgID\0permissions\0id\0"
                             "token\0userID\0user\0org\0links\0action\0resource\0type\0name\0"
                             "self\0next\0prev\0authorizations\0oauthID\0code\0message\0op\0err";
typedef char json_names_match[sizeof il_json_names == sizeof(struct json_names) ? 1 : -1];

#define N(tag) ((uint8_t)offsetof(struct json_names, tag))
#define NS IL_JSON_NO_SLOT
#define STR IL_JSON_F_STRING
#define PTR IL_JSON_F_STRING_PTR
#define OBJ IL_JSON_F_OBJECT
#define ARR IL_JSON_F_ARRAY

/* slots: il_auth_t id 0, token 1, status 2, description 3, org_id 4, org 5,
 * user_id 6, user 7; il_permission_t action 0, type 1, id 2, org_id 3;
 * il_user_t id 0, name 1, status 2; il_error_body_t code 0, message 1, err 2 */
const il_json_field_t il_json_fields[] = {
    /* Authorization: 0 */
    { N(status), PTR, 2 }, { N(description), PTR, 3 }, { N(createdAt), IL_JSON_F_TIME, NS },
    { N(updatedAt), IL_JSON_F_TIME, NS }, { N(orgID), STR, 4 },
    { N(permissions), ARR | IL_JSON_FL_PERMS, IL_JSON_M_PERMISSION }, { N(id), PTR, 0 },
    { N(token), PTR, 1 }, { N(userID), PTR, 6 }, { N(user), PTR, 7 }, { N(org), PTR, 5 },
    { N(links), OBJ, IL_JSON_M_AUTHORIZATION_LINKS },
    /* Authorizations: 12 */
    { N(links), OBJ, IL_JSON_M_LINKS },
    { N(authorizations), ARR | IL_JSON_FL_FIRST, IL_JSON_M_AUTHORIZATION },
    /* UserResponse: 14 */
    { N(id), PTR, 0 }, { N(oauthID), PTR, NS }, { N(name), STR, 1 }, { N(status), PTR, 2 },
    { N(links), OBJ, IL_JSON_M_USER_RESPONSE_LINKS },
    /* Error: 19 */
    { N(code), IL_JSON_F_CODE, 0 }, { N(message), STR, 1 }, { N(op), PTR, NS }, { N(err), PTR, 2 },
    /* UnauthorizedRequestError: 23 */
    { N(code), PTR, 0 }, { N(message), PTR, 1 },
    /* Permission: 25 */
    { N(action), STR, 0 }, { N(resource), OBJ | IL_JSON_FL_SHARED, IL_JSON_M_PERMISSION_RESOURCE },
    /* PermissionResource: 27 */
    { N(type), STR, 1 }, { N(id), PTR, 2 }, { N(name), PTR, NS }, { N(orgID), PTR, 3 },
    { N(org), PTR, NS },
    /* AuthorizationAllOfLinks: 32 */
    { N(self), PTR, NS }, { N(user), PTR, NS },
    /* Links: 34 */
    { N(next), PTR, NS }, { N(self), STR, NS }, { N(prev), PTR, NS },
    /* UserResponseLinks: 37 */
    { N(self), PTR, NS },
};

const uint8_t il_json_model_first[IL_JSON_M_COUNT + 1] = { 0, 12, 14, 19, 23, 25, 27, 32, 34, 37, 38 };
typedef char json_models_complete[sizeof il_json_fields / sizeof il_json_fields[0] == 38 ? 1 : -1];
