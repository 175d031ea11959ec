/* SPDX-License-Identifier: Apache-2.0 */
/* p256.c - NIST P-256 scalar multiplication (see p256.h).
 *
 * Field: fiat-crypto's p256_64.h (Montgomery domain, 4 x 64-bit limbs,
 * generated and proven correct; build/src/boringssl/src/third_party/fiat,
 * from Debian's android-platform-external-boringssl source package), or,
 * where the compiler has no 128-bit integers (32-bit targets) or
 * IL_P256_LIMB32 asks for it, its p256_32.h from the same package (8 x
 * 32-bit limbs, the same functions): the rest of this file is written for
 * either limb size.
 * Without IL_TLS_P256_ASM, points: homogeneous projective (X:Y:Z) with the
 * complete addition and doubling formulas for a = -3 of Renes, Costello and
 * Batina, "Complete addition formulas for prime order elliptic curves"
 * (ePrint 2015/1060, algorithms 4 and 6): no special cases, so no branches
 * on the point. A window's four doublings run in Jacobian coordinates
 * (dbl-2001-b for a = -3, Bernstein-Lange's Explicit-Formulas Database), the
 * point at infinity mapped back without a branch (point_double4).
 * With IL_TLS_P256_ASM (x86_64, aarch64), the field's multiplication and
 * squaring and the points' doubling, additions and table lookup are
 * BoringSSL's assembly (Jacobian coordinates), the tables affine.
 * Scalar: 64 steps over a 16-entry table, each entry read by a masked scan
 * of all 16: fixed 4-bit windows for any point, a 4-tooth comb over a
 * precomputed table for the base point (key generation). Nothing here
 * branches on, or indexes memory by, the scalar. */
#include "il_tls_config.h"
#include "p256.h"

#if IL_TLS_P256_FIAT
#include <string.h>

#include "il_wipe.h"
#if defined(__SIZEOF_INT128__) && !defined(IL_P256_LIMB32)
#include "p256_64.h"
typedef uint64_t limb;
#define LIMB_BITS 64
#define limb_barrier fiat_p256_value_barrier_u64
#else
#include "p256_32.h"
typedef uint32_t limb;
#define LIMB_BITS 32
#define limb_barrier fiat_p256_value_barrier_u32
#endif
#include "p256_comb.h"

#if IL_TLS_P256_ASM && LIMB_BITS == 64 && (defined(__x86_64__) || defined(__aarch64__))
/* Multiplication and squaring in the same Montgomery domain (R = 2^256, 4 x
 * 64-bit limbs, inputs and outputs below p; an output may alias an input) by
 * BoringSSL's ecp_nistz256_mul_mont / _sqr_mont, the x86_64 or aarch64
 * assembly of the same Debian source package, assembled beside this file
 * with every symbol renamed (port/mbedtls/rules.mk: il_p256_asm), so that a
 * program linking OpenSSL or BoringSSL too sees no clash. Constant time, as
 * fiat's. */
void il_nistz256_mul_mont(uint64_t res[4], const uint64_t a[4], const uint64_t b[4]);
void il_nistz256_sqr_mont(uint64_t res[4], const uint64_t a[4]);
#if defined(__x86_64__)
/* What the x86_64 assembly reads as OPENSSL_ia32cap_P (BoringSSL's CPUID
 * words): word 2's BMI2 (bit 8) and ADX (bit 19) select the mulx/adcx/adox
 * paths. All zero: the mulq paths always, on every x86_64 CPU and under
 * valgrind (the constant-time check runs the code that ships), and no CPU
 * detection, whose result would have to be a mutable global for a small
 * gain. */
extern const uint32_t il_nistz256_ia32cap[4];
const uint32_t il_nistz256_ia32cap[4] = {0, 0, 0, 0};
#endif
#define fe_mul il_nistz256_mul_mont
#define fe_square il_nistz256_sqr_mont
#elif IL_TLS_P256_ASM
#error "IL_TLS_P256_ASM: the assembly is for x86_64 and aarch64 only"
#else
#define fe_mul fiat_p256_mul
#define fe_square fiat_p256_square
#endif

typedef fiat_p256_montgomery_domain_field_element fe;
typedef fiat_p256_non_montgomery_domain_field_element fe_plain;
#define FE_LIMBS (sizeof(fe) / sizeof(limb))

typedef struct {
    fe x, y, z;
} point;

/* SEC 2 2.4.2, big-endian */
static const uint8_t curve_p[32] = {
    0xff, 0xff, 0xff, 0xff, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x00, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
};
static const uint8_t curve_b[32] = {
    0x5a, 0xc6, 0x35, 0xd8, 0xaa, 0x3a, 0x93, 0xe7, 0xb3, 0xeb, 0xbd, 0x55, 0x76, 0x98, 0x86, 0xbc,
    0x65, 0x1d, 0x06, 0xb0, 0xcc, 0x53, 0xb0, 0xf6, 0x3b, 0xce, 0x3c, 0x3e, 0x27, 0xd2, 0x60, 0x4b,
};
/* big-endian bytes (< p) -> Montgomery domain */
static void fe_from_be(fe out, const uint8_t be[32])
{
    uint8_t le[32];
    fe_plain t;
    int i;
    for (i = 0; i < 32; i++) le[i] = be[31 - i];
    fiat_p256_from_bytes(t, le);
    fiat_p256_to_montgomery(out, t);
}

static void fe_to_be(uint8_t be[32], const fe in)
{
    uint8_t le[32];
    fe_plain t;
    int i;
    fiat_p256_from_montgomery(t, in);
    fiat_p256_to_bytes(le, t);
    for (i = 0; i < 32; i++) be[i] = le[31 - i];
}

static void fe_square_n(fe out, const fe a, int n)
{
    memcpy(out, a, sizeof(fe));
    while (n-- > 0) fe_square(out, out);
}

/* a^(p-2) = a^-1 (0 for 0), by an addition chain for p - 2 (255 squarings,
 * 12 multiplications; the one Go's crypto/internal/nistec uses, from
 * mmcloughlin/addchain). The exponent is public: time does not depend on a. */
static void fe_invert(fe out, const fe a)
{
    fe t11, t111, t111111, x15, x16, x32, i53 = { 0 }, x47, t;   /* (i53: for cppcheck) */
    fe_square(t, a);                 /* _10 */
    fe_mul(t11, a, t);               /* _11 */
    fe_square(t, t11);               /* _110 */
    fe_mul(t111, a, t);              /* _111 */
    fe_square_n(t, t111, 3);                /* _111000 */
    fe_mul(t111111, t111, t);        /* _111111 */
    fe_square_n(t, t111111, 6);
    fe_mul(t, t, t111111);           /* x12 */
    fe_square_n(t, t, 3);
    fe_mul(x15, t, t111);            /* x15 */
    fe_square(t, x15);
    fe_mul(x16, t, a);               /* x16 */
    fe_square_n(t, x16, 16);
    fe_mul(x32, t, x16);             /* x32 */
    fe_square_n(i53, x32, 15);              /* i53 */
    fe_mul(x47, x15, i53);           /* x47 */
    fe_square_n(t, i53, 17);
    fe_mul(t, t, a);
    fe_square_n(t, t, 143);
    fe_mul(t, t, x47);
    fe_square_n(t, t, 47);                  /* i263 */
    fe_mul(t, t, x47);
    fe_square_n(t, t, 2);
    fe_mul(out, t, a);
}

/* The table's entry for step i (0..63, most significant first) of k: a
 * 4-bit window of k, or the comb's 4 bits of k, 64 apart. */
static unsigned window_digit(const uint8_t k[32], int i)
{
    return (unsigned)(i % 2 == 0 ? k[i / 2] >> 4 : k[i / 2] & 15u);
}

static unsigned comb_digit(const uint8_t k[32], int i)
{
    unsigned d = 0;
    int j, bit;
    for (j = 0; j < 4; j++) {
        bit = 63 - i + 64 * j;                           /* bit 0: the least significant */
        d |= ((unsigned)(k[31 - bit / 8] >> (bit % 8)) & 1u) << j;
    }
    return d;
}

#if IL_TLS_P256_ASM
/* ---- points by the assembly (x86_64, aarch64) ----
 * BoringSSL's ecp_nistz256_point_double, _point_add_affine, _point_add and
 * _select_w5, from the object that gives the field's multiplication, renamed
 * alike. Jacobian coordinates (x = X/Z^2, y = Y/Z^3) in the field's
 * Montgomery domain, Z = 0 the point at infinity, which doubling and both
 * additions take and give; an affine point is (x, y), (0, 0) the point at
 * infinity. point_add_affine is wrong for two equal points, which
 * mul_affine_table never adds (see there); point_add is right for any two,
 * but branches when they are equal, so only il_p256_mul_add's final sum,
 * of public scalars, and the tables of a public point use it. The rest
 * neither branches on nor indexes memory by the data. select_w5 reads with
 * aligned SSE loads: a table starts at a multiple of 16. */
typedef struct {
    fe x, y;
} affine;
typedef union {
    point p;
    affine a;
} point_or_affine;
#define P256_ALIGNED __attribute__((aligned(64)))
void il_nistz256_point_double(point *r, const point *a);
void il_nistz256_point_add(point *r, const point *a, const point *b);
void il_nistz256_point_add_affine(point *r, const point *a, const affine *b);
void il_nistz256_select_w5(point *out, const point table[16], int index);

/* table[m - 1] = the comb's entry m (p256_comb.h), m = 1..15, affine (Z = 1);
 * table[15] zeros. */
static void table_of_comb(point table[16])
{
    int m;
    memset(table, 0, 16 * sizeof(point));
    for (m = 0; m < 15; m++) {
        fe_from_be(table[m].x, p256_comb[m]);
        fe_from_be(table[m].y, p256_comb[m] + 32);
        fiat_p256_set_one(table[m].z);
    }
}

/* table[m - 1] = m * P, m = 1..15, affine (Z = 1); table[15] zeros. The
 * multiples in Jacobian coordinates, then one inversion for all fifteen Z
 * (Montgomery's trick: inv[m] = 1 / (Z_0 ... Z_m), so 1/Z_m = inv[m] Z_0 ... Z_(m-1)). */
static void table_of_point(point table[16], const uint8_t px[32], const uint8_t py[32])
{
    fe prod[15], inv = { 0 }, zinv, z2;   /* (inv: for cppcheck) */
    int m;
    memset(table, 0, 16 * sizeof(point));
    fe_from_be(table[0].x, px);
    fe_from_be(table[0].y, py);
    fiat_p256_set_one(table[0].z);
    for (m = 2; m <= 15; m++) {
        if (m % 2 == 0) il_nistz256_point_double(&table[m - 1], &table[m / 2 - 1]);
        else il_nistz256_point_add(&table[m - 1], &table[m - 2], &table[0]);
    }
    memcpy(prod[0], table[0].z, sizeof(fe));
    for (m = 1; m < 15; m++) fe_mul(prod[m], prod[m - 1], table[m].z);
    fe_invert(inv, prod[14]);
    for (m = 14; m >= 0; m--) {
        if (m > 0) {
            fe_mul(zinv, inv, prod[m - 1]);
            fe_mul(inv, inv, table[m].z);
        } else {
            memcpy(zinv, inv, sizeof(fe));
        }
        fe_square(z2, zinv);
        fe_mul(table[m].x, table[m].x, z2);
        fe_mul(z2, z2, zinv);
        fe_mul(table[m].y, table[m].y, z2);
        fiat_p256_set_one(table[m].z);
    }
}

/* r = k * P from table[m - 1] = (multiple m of P, or of the comb), affine:
 * 64 steps, each doubling r (4 times for windows, once for the comb; not
 * before the first) and adding the step's entry, (0, 0) for a zero digit.
 * No step adds two equal points when k < n: before the addition of entry
 * d, r = s * P with s the digits so far shifted one place (times 16; for
 * the comb, each tooth's bits times 2), and s + d, those digits with d, is
 * at most k; so s = d mod n means s = d, which the places rule out unless
 * s = 0: r is then the point at infinity, which the addition takes. */
static void mul_affine_table(point *r, const point table[16], const uint8_t k[32], int comb)
{
    P256_ALIGNED point_or_affine t;
    int i, j;
    memset(r, 0, sizeof(point));
    for (i = 0; i < 64; i++) {
        for (j = 0; i > 0 && j < (comb ? 1 : 4); j++) il_nistz256_point_double(r, r);
        il_nistz256_select_w5(&t.p, table, (int)(comb ? comb_digit(k, i) : window_digit(k, i)));
        il_nistz256_point_add_affine(r, r, &t.a);
    }
    il_wipe(&t, sizeof(t));
}

/* r = k * P, P = (px, py), or the base point G when px is NULL. */
static void mul_point(point *r, const uint8_t k[32], const uint8_t *px, const uint8_t *py)
{
    P256_ALIGNED point table[16];
    if (px == NULL) table_of_comb(table);
    else table_of_point(table, px, py);
    mul_affine_table(r, table, k, px == NULL);
}

/* r = p + q, any two points (the sum of il_p256_mul_add). */
static void point_sum(point *r, const point *p, const point *q)
{
    il_nistz256_point_add(r, p, q);
}

#else
/* r = p + q (RCB16 algorithm 4); r may alias p or q. */
static void point_add(point *r, const point *p, const point *q, const fe b)
{
    fe t0, t1, t2, t3, t4, x3, y3, z3;
    fe_mul(t0, p->x, q->x);
    fe_mul(t1, p->y, q->y);
    fe_mul(t2, p->z, q->z);
    fiat_p256_add(t3, p->x, p->y);
    fiat_p256_add(t4, q->x, q->y);
    fe_mul(t3, t3, t4);
    fiat_p256_add(t4, t0, t1);
    fiat_p256_sub(t3, t3, t4);
    fiat_p256_add(t4, p->y, p->z);
    fiat_p256_add(x3, q->y, q->z);
    fe_mul(t4, t4, x3);
    fiat_p256_add(x3, t1, t2);
    fiat_p256_sub(t4, t4, x3);
    fiat_p256_add(x3, p->x, p->z);
    fiat_p256_add(y3, q->x, q->z);
    fe_mul(x3, x3, y3);
    fiat_p256_add(y3, t0, t2);
    fiat_p256_sub(y3, x3, y3);
    fe_mul(z3, b, t2);
    fiat_p256_sub(x3, y3, z3);
    fiat_p256_add(z3, x3, x3);
    fiat_p256_add(x3, x3, z3);
    fiat_p256_sub(z3, t1, x3);
    fiat_p256_add(x3, t1, x3);
    fe_mul(y3, b, y3);
    fiat_p256_add(t1, t2, t2);
    fiat_p256_add(t2, t1, t2);
    fiat_p256_sub(y3, y3, t2);
    fiat_p256_sub(y3, y3, t0);
    fiat_p256_add(t1, y3, y3);
    fiat_p256_add(y3, t1, y3);
    fiat_p256_add(t1, t0, t0);
    fiat_p256_add(t0, t1, t0);
    fiat_p256_sub(t0, t0, t2);
    fe_mul(t1, t4, y3);
    fe_mul(t2, t0, y3);
    fe_mul(y3, x3, z3);
    fiat_p256_add(y3, y3, t2);
    fe_mul(x3, t3, x3);
    fiat_p256_sub(x3, x3, t1);
    fe_mul(z3, t4, z3);
    fe_mul(t1, t3, t0);
    fiat_p256_add(z3, z3, t1);
    memcpy(r->x, x3, sizeof(fe));
    memcpy(r->y, y3, sizeof(fe));
    memcpy(r->z, z3, sizeof(fe));
}

/* r = 2p (RCB16 algorithm 6); r may alias p. */
static void point_double(point *r, const point *p, const fe b)
{
    fe t0, t1, t2, t3, x3, y3, z3;
    fe_square(t0, p->x);
    fe_square(t1, p->y);
    fe_square(t2, p->z);
    fe_mul(t3, p->x, p->y);
    fiat_p256_add(t3, t3, t3);
    fe_mul(z3, p->x, p->z);
    fiat_p256_add(z3, z3, z3);
    fe_mul(y3, b, t2);
    fiat_p256_sub(y3, y3, z3);
    fiat_p256_add(x3, y3, y3);
    fiat_p256_add(y3, x3, y3);
    fiat_p256_sub(x3, t1, y3);
    fiat_p256_add(y3, t1, y3);
    fe_mul(y3, x3, y3);
    fe_mul(x3, x3, t3);
    fiat_p256_add(t3, t2, t2);
    fiat_p256_add(t2, t2, t3);
    fe_mul(z3, b, z3);
    fiat_p256_sub(z3, z3, t2);
    fiat_p256_sub(z3, z3, t0);
    fiat_p256_add(t3, z3, z3);
    fiat_p256_add(z3, z3, t3);
    fiat_p256_add(t3, t0, t0);
    fiat_p256_add(t0, t3, t0);
    fiat_p256_sub(t0, t0, t2);
    fe_mul(t0, t0, z3);
    fiat_p256_add(y3, y3, t0);
    fe_mul(t0, p->y, p->z);
    fiat_p256_add(t0, t0, t0);
    fe_mul(z3, t0, z3);
    fiat_p256_sub(x3, x3, z3);
    fe_mul(z3, t0, t1);
    fiat_p256_add(z3, z3, z3);
    fiat_p256_add(z3, z3, z3);
    memcpy(r->x, x3, sizeof(fe));
    memcpy(r->y, y3, sizeof(fe));
    memcpy(r->z, z3, sizeof(fe));
}

/* One doubling in Jacobian coordinates for a = -3 (dbl-2001-b: 3M + 5S, where
 * point_double's complete formula costs 10M + 3S); x, y, z in place. */
static void jacobian_double(fe x, fe y, fe z)
{
    fe delta, gamma, beta, alpha, t;
    fe_square(delta, z);
    fe_square(gamma, y);
    fe_mul(beta, x, gamma);
    fiat_p256_sub(t, x, delta);
    fiat_p256_add(alpha, x, delta);
    fe_mul(alpha, t, alpha);
    fiat_p256_add(t, alpha, alpha);
    fiat_p256_add(alpha, t, alpha);              /* 3 (X - delta)(X + delta) */
    fiat_p256_add(z, y, z);
    fe_square(z, z);
    fiat_p256_sub(z, z, gamma);
    fiat_p256_sub(z, z, delta);                  /* Z3 = (Y + Z)^2 - gamma - delta */
    fiat_p256_add(beta, beta, beta);
    fiat_p256_add(beta, beta, beta);             /* 4 beta */
    fe_square(x, alpha);
    fiat_p256_sub(x, x, beta);
    fiat_p256_sub(x, x, beta);                   /* X3 = alpha^2 - 8 beta */
    fiat_p256_sub(t, beta, x);
    fe_mul(y, alpha, t);
    fe_square(gamma, gamma);
    fiat_p256_add(gamma, gamma, gamma);
    fiat_p256_add(gamma, gamma, gamma);
    fiat_p256_add(gamma, gamma, gamma);          /* 8 gamma^2 */
    fiat_p256_sub(y, y, gamma);                  /* Y3 = alpha (4 beta - X3) - 8 gamma^2 */
}

/* r = 16 p (r may alias p): four Jacobian doublings between two changes of
 * coordinates, (X:Y:Z) -> (XZ : YZ^2 : Z) -> (XZ : Y : Z^3). Jacobian
 * coordinates give the point at infinity as (0:0:0), which the complete
 * addition cannot take: a result with Z = 0 gets Y = 1 back, without a
 * branch (no point of P-256 has order 2, so Z = 0 only at infinity). */
static void point_double4(point *r, const point *p)
{
    fe x = { 0 }, y = { 0 }, z = { 0 }, t = { 0 }, one = { 0 };   /* (initialised for cppcheck) */
    limb nz;
    fe_mul(x, p->x, p->z);
    fe_square(t, p->z);
    fe_mul(y, p->y, t);
    memcpy(z, p->z, sizeof(fe));
    for (int i = 0; i < 4; i++) jacobian_double(x, y, z);
    fe_mul(r->x, x, z);
    fe_square(t, z);
    fe_mul(r->z, t, z);
    fiat_p256_nonzero(&nz, r->z);
    fiat_p256_set_one(one);
    fiat_p256_selectznz(r->y, (fiat_p256_uint1)((limb)(nz | (0u - nz)) >> (LIMB_BITS - 1)), one, y);
}

/* out = table[idx] for a secret idx in [0, 15]: every entry is read and
 * masked in, so neither a branch nor an address depends on idx. */
static void table_select(point *out, const point table[16], unsigned idx)
{
    const limb *src;
    limb *dst = (limb *)(void *)out;
    unsigned i, w;
    memset(out, 0, sizeof(*out));
    for (i = 0; i < 16; i++) {
        /* all ones when i == idx: (i ^ idx) - 1 borrows only from zero */
        limb mask = limb_barrier((limb)(0u - (((limb)(i ^ idx) - 1u) >> (LIMB_BITS - 1))));
        src = (const limb *)(const void *)&table[i];
        for (w = 0; w < 3 * FE_LIMBS; w++) dst[w] |= src[w] & mask;
    }
}

/* r = k * P from table[m] = (multiple m of P, or of the comb), table[0]
 * the point at infinity: 64 steps, each doubling r (4 times for windows,
 * once for the comb; not before the first) and adding the step's entry. */
static void mul_table(point *r, const point table[16], const uint8_t k[32], int comb, const fe b)
{
    point t;
    int i;
    memcpy(r, &table[0], sizeof(point));
    for (i = 0; i < 64; i++) {
        if (i > 0 && comb) point_double(r, r, b);
        else if (i > 0) point_double4(r, r);
        table_select(&t, table, comb ? comb_digit(k, i) : window_digit(k, i));
        point_add(r, r, &t, b);
    }
    il_wipe(&t, sizeof(t));
}

/* table[0] = the point at infinity (0:1:0); table[m] = (x, y, 1). */
static void table_entry(point table[16], int m, const uint8_t *x, const uint8_t *y)
{
    memset(&table[m], 0, sizeof(point));
    if (m == 0) {
        fiat_p256_set_one(table[m].y);
        return;
    }
    fe_from_be(table[m].x, x);
    fe_from_be(table[m].y, y);
    fiat_p256_set_one(table[m].z);
}

/* r = k * P, P = (px, py), or the base point G when px is NULL. */
static void mul_point(point *r, const uint8_t k[32], const uint8_t *px, const uint8_t *py)
{
    point table[16];
    fe b = { 0 };   /* (for cppcheck) */
    int i;
    fe_from_be(b, curve_b);
    table_entry(table, 0, NULL, NULL);
    if (px == NULL) {
        /* k * G by a comb with 4 teeth 64 bits apart (Lim-Lee): 63 doublings
         * instead of 252; p256_comb[m - 1] = (sum of 2^(64 j) over the bits j of m) * G */
        for (i = 1; i < 16; i++) table_entry(table, i, p256_comb[i - 1], p256_comb[i - 1] + 32);
        mul_table(r, table, k, 1, b);
    } else {
        table_entry(table, 1, px, py);                 /* table[i] = i * P */
        for (i = 2; i < 16; i++) {
            if (i % 2 == 0) point_double(&table[i], &table[i / 2], b);
            else point_add(&table[i], &table[i - 1], &table[1], b);
        }
        mul_table(r, table, k, 0, b);
    }
}

/* r = p + q, any two points (the sum of il_p256_mul_add). */
static void point_sum(point *r, const point *p, const point *q)
{
    fe b = { 0 };   /* (for cppcheck) */
    fe_from_be(b, curve_b);
    point_add(r, p, q, b);
}

#endif

/* r to affine (x, y; y skipped when out_y is NULL), wiping r; 1, or 0 for the
 * point at infinity (z = 0, hence zinv = 0 and (0, 0)). Projective
 * coordinates divide x and y by z; Jacobian ones (the assembly's) x by z^2
 * and y by z^3. */
static int to_affine(uint8_t out_x[32], uint8_t *out_y, point *r)
{
    fe zinv = { 0 }, zx = { 0 }, zy = { 0 }, t;   /* (initialised for cppcheck, which cannot see fiat's header) */
    limb nz;
    fe_invert(zinv, r->z);
#if IL_TLS_P256_ASM
    fe_square(zx, zinv);
    fe_mul(zy, zx, zinv);
#else
    memcpy(zx, zinv, sizeof(fe));
    memcpy(zy, zinv, sizeof(fe));
#endif
    fe_mul(t, r->x, zx);
    fe_to_be(out_x, t);
    if (out_y != NULL) {
        fe_mul(t, r->y, zy);
        fe_to_be(out_y, t);
    }
    fiat_p256_nonzero(&nz, r->z);
    il_wipe(r, sizeof(*r));
    il_wipe(t, sizeof(fe));
    il_wipe(zinv, sizeof(fe));
    il_wipe(zx, sizeof(fe));
    il_wipe(zy, sizeof(fe));
    return (int)((limb)(nz | (0u - nz)) >> (LIMB_BITS - 1));
}

int il_p256_mul(uint8_t out_x[32], uint8_t out_y[32], const uint8_t k[32],
                const uint8_t px[32], const uint8_t py[32])
{
    point r;
    mul_point(&r, k, px, py);
    return to_affine(out_x, out_y, &r);
}

int il_p256_mul_add(uint8_t out_x[32], const uint8_t u1[32], const uint8_t u2[32],
                    const uint8_t qx[32], const uint8_t qy[32])
{
    point r, t;
    mul_point(&r, u1, NULL, NULL);
    mul_point(&t, u2, qx, qy);
    point_sum(&r, &r, &t);
    il_wipe(&t, sizeof(t));
    return to_affine(out_x, NULL, &r);
}

/* Whether the big-endian a is below p (public data: may branch). */
static int below_p(const uint8_t a[32])
{
    int i;
    for (i = 0; i < 32; i++)
        if (a[i] != curve_p[i]) return a[i] < curve_p[i];
    return 0;
}

int il_p256_point_valid(const uint8_t x[32], const uint8_t y[32])
{
    fe fx = { 0 }, fy = { 0 }, lhs, rhs, t, b = { 0 };   /* (initialised for cppcheck) */
    limb nz;
    if (!below_p(x) || !below_p(y)) return 0;
    fe_from_be(fx, x);
    fe_from_be(fy, y);
    fe_from_be(b, curve_b);
    fe_square(lhs, fy);                          /* y^2 */
    fe_square(rhs, fx);
    fe_mul(rhs, rhs, fx);                        /* x^3 */
    fiat_p256_add(t, fx, fx);
    fiat_p256_add(t, t, fx);
    fiat_p256_sub(rhs, rhs, t);                         /* x^3 - 3x */
    fiat_p256_add(rhs, rhs, b);                         /* + b */
    fiat_p256_sub(t, lhs, rhs);
    fiat_p256_nonzero(&nz, t);
    return nz == 0;
}

#else
typedef int il_p256_unused;   /* not a Linux build: ecdh.c's own P-256 */
#endif
