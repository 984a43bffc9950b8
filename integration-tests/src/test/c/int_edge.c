/*
 * Integer edge cases of RV64IM as C reaches them: division and remainder by zero and the one
 * overflowing division, 32-bit "W" operations and their sign extension, shifts whose amount is
 * masked, wrap-around, the high half of 64x64 products (mulh, mulhsu, mulhu through __int128),
 * sub-word loads, and bit counting through builtins (libgcc code on RV64GC).
 *
 * Every operand passes through a volatile so the compiler emits the instruction instead of
 * folding the constant. C leaves x/0 and INT_MIN/-1 undefined; the RISC-V ISA defines them, and
 * the instruction is what runs. Expected values come from the ISA manual or from an independent
 * computation (32-bit limbs, loops), never from the operation under test.
 * Exit status: 0 when every check passes, 1 otherwise.
 */
#include <inttypes.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>

static int failures;

static void expect(const char *what, uint64_t got, uint64_t want) {
    printf("%-34s = 0x%016" PRIx64 "%s\n", what, got, got == want ? "" : "  FAIL");
    if (got != want) {
        printf("FAIL %s: want 0x%016" PRIx64 "\n", what, want);
        failures++;
    }
}

static int32_t i32(int32_t x) { volatile int32_t v = x; return v; }
static uint32_t u32(uint32_t x) { volatile uint32_t v = x; return v; }
static int64_t i64(int64_t x) { volatile int64_t v = x; return v; }
static uint64_t u64(uint64_t x) { volatile uint64_t v = x; return v; }

/* The high 64 bits of an unsigned 64x64 product, from four 32x32->64 partial products. */
static uint64_t ref_mulhu(uint64_t a, uint64_t b) {
    uint64_t al = (uint32_t)a, ah = a >> 32, bl = (uint32_t)b, bh = b >> 32;
    uint64_t ll = al * bl, lh = al * bh, hl = ah * bl, hh = ah * bh;
    uint64_t mid = (ll >> 32) + (uint32_t)lh + (uint32_t)hl;
    return hh + (lh >> 32) + (hl >> 32) + (mid >> 32);
}
static uint64_t ref_mulh(int64_t a, int64_t b) {
    uint64_t h = ref_mulhu((uint64_t)a, (uint64_t)b);
    if (a < 0) h -= (uint64_t)b;
    if (b < 0) h -= (uint64_t)a;
    return h;
}
static uint64_t ref_mulhsu(int64_t a, uint64_t b) {
    uint64_t h = ref_mulhu((uint64_t)a, b);
    if (a < 0) h -= b;
    return h;
}

static int ref_popcount(uint64_t x) { int n = 0; for (; x; x >>= 1) n += x & 1; return n; }
static int ref_clz(uint64_t x) { int n = 0; for (uint64_t m = 1ULL << 63; m && !(x & m); m >>= 1) n++; return n; }
static int ref_ctz(uint64_t x) { int n = 0; for (uint64_t m = 1; m && !(x & m); m <<= 1) n++; return n; }
static uint64_t ref_bswap(uint64_t x) { uint64_t r = 0; for (int i = 0; i < 8; i++) r = (r << 8) | ((x >> (8 * i)) & 0xff); return r; }

static void division(void) {
    puts("-- division (RISC-V defines x/0 and MIN/-1)");
    expect("divw 7/0", (uint64_t)(int64_t)(i32(7) / i32(0)), UINT64_MAX);
    expect("remw 7%0", (uint64_t)(int64_t)(i32(7) % i32(0)), 7);
    expect("remw -7%0", (uint64_t)(int64_t)(i32(-7) % i32(0)), (uint64_t)-7);
    expect("divw INT32_MIN/-1", (uint64_t)(int64_t)(i32(INT32_MIN) / i32(-1)), (uint64_t)(int64_t)INT32_MIN);
    expect("remw INT32_MIN%-1", (uint64_t)(int64_t)(i32(INT32_MIN) % i32(-1)), 0);
    expect("divuw 7/0", (uint64_t)(u32(7) / u32(0)), UINT32_MAX);
    expect("remuw 7%0", (uint64_t)(u32(7) % u32(0)), 7);
    expect("div 7/0", (uint64_t)(i64(7) / i64(0)), UINT64_MAX);
    expect("rem 7%0", (uint64_t)(i64(7) % i64(0)), 7);
    expect("div INT64_MIN/-1", (uint64_t)(i64(INT64_MIN) / i64(-1)), (uint64_t)INT64_MIN);
    expect("rem INT64_MIN%-1", (uint64_t)(i64(INT64_MIN) % i64(-1)), 0);
    expect("divu 7/0", u64(7) / u64(0), UINT64_MAX);
    expect("remu 7%0", u64(7) % u64(0), 7);
    expect("div -7/2 truncates", (uint64_t)(i64(-7) / i64(2)), (uint64_t)-3);
    expect("rem -7%2 has dividend's sign", (uint64_t)(i64(-7) % i64(2)), (uint64_t)-1);
    expect("rem 7%-2", (uint64_t)(i64(7) % i64(-2)), 1);
    expect("divu UINT64_MAX/3", u64(UINT64_MAX) / u64(3), 0x5555555555555555ULL);
    expect("divuw 0x80000000/3", (uint64_t)(u32(0x80000000u) / u32(3)), 0x2aaaaaaaULL);
    expect("divw -2^31/2 sign-extends", (uint64_t)(int64_t)(i32(INT32_MIN) / i32(2)), (uint64_t)(int64_t)-1073741824);
}

static void shifts(void) {
    puts("-- shifts (amount masked to the operand width)");
    int n65 = i32(65), n33 = i32(33), n63 = i32(63), n31 = i32(31), n32 = i32(32);
    expect("sll 1<<(65&63)", u64(1) << (n65 & 63), 2);
    expect("srl ~0>>(65&63)", u64(UINT64_MAX) >> (n65 & 63), UINT64_MAX >> 1);
    expect("sra -16>>(65&63)", (uint64_t)(i64(-16) >> (n65 & 63)), (uint64_t)-8);
    expect("sll 1<<63", u64(1) << n63, 1ULL << 63);
    expect("sra INT64_MIN>>63", (uint64_t)(i64(INT64_MIN) >> n63), UINT64_MAX);
    expect("srl INT64_MIN>>63", u64(1ULL << 63) >> n63, 1);
    expect("sllw 1<<(33&31)", (uint64_t)(int64_t)(int32_t)(u32(1) << (n33 & 31)), 2);
    expect("sllw 1<<31 sign-extends", (uint64_t)(int64_t)(int32_t)(u32(1) << n31), 0xffffffff80000000ULL);
    expect("srlw 0x80000000>>31", (uint64_t)(u32(0x80000000u) >> n31), 1);
    expect("sraw INT32_MIN>>31", (uint64_t)(int64_t)(i32(INT32_MIN) >> n31), UINT64_MAX);
    expect("srlw ~0u>>(32&31)", (uint64_t)(u32(UINT32_MAX) >> (n32 & 31)), UINT32_MAX);
    expect("slli by 40", u64(0x1234) << 40, 0x1234ULL << 40);
    expect("srai by 60", (uint64_t)(i64(INT64_MIN) >> 60), (uint64_t)-8);
}

static void wrap(void) {
    puts("-- wrap-around and sign extension of W results");
    expect("addw 0x7fffffff+1", (uint64_t)(int64_t)(int32_t)(u32(0x7fffffff) + 1u), 0xffffffff80000000ULL);
    expect("subw INT32_MIN-1", (uint64_t)(int64_t)(int32_t)(u32(0x80000000u) - 1u), 0x7fffffff);
    expect("add UINT64_MAX+1", u64(UINT64_MAX) + 1, 0);
    expect("sub 0-1", u64(0) - 1, UINT64_MAX);
    expect("mulw 0x10000*0x10000", (uint64_t)(int64_t)(int32_t)(u32(0x10000) * u32(0x10000)), 0);
    expect("mulw 0xffff*0x10001", (uint64_t)(int64_t)(int32_t)(u32(0xffff) * u32(0x10001)), (uint64_t)-1);
    expect("mul low 2^32*2^32", u64(1ULL << 32) * u64(1ULL << 32), 0);
    int64_t sum;
    int ovf = __builtin_add_overflow(i64(INT64_MAX), i64(1), &sum);
    expect("add_overflow INT64_MAX+1 flag", (uint64_t)ovf, 1);
    expect("add_overflow INT64_MAX+1 value", (uint64_t)sum, (uint64_t)INT64_MIN);
    int32_t prod;
    ovf = __builtin_mul_overflow(i32(65536), i32(65536), &prod);
    expect("mul_overflow 2^16*2^16 (32-bit)", (uint64_t)ovf, 1);
    uint64_t usum;
    ovf = __builtin_add_overflow(u64(UINT64_MAX), u64(2), &usum);
    expect("uadd_overflow carry", (uint64_t)ovf, 1);
    expect("uadd_overflow value", usum, 1);
    expect("slt -1<1", (uint64_t)(i64(-1) < i64(1)), 1);
    expect("sltu -1<1 (unsigned)", (uint64_t)(u64(UINT64_MAX) < u64(1)), 0);
    expect("slti -5 < -4", (uint64_t)(i64(-5) < -4), 1);
}

static void high_multiply(void) {
    puts("-- high half of 64x64 products");
    static const uint64_t values[] = {
        0, 1, 2, 0x7fffffffffffffffULL, 0x8000000000000000ULL, 0xffffffffffffffffULL,
        0x123456789abcdef0ULL, 0xfedcba9876543210ULL, 0x00000000ffffffffULL, 0xdeadbeefcafebabeULL,
    };
    const int n = sizeof values / sizeof values[0];
    char name[64];
    for (int i = 0; i < n; i++) {
        for (int j = i; j < n; j++) {
            uint64_t a = u64(values[i]), b = u64(values[j]);
            unsigned __int128 up = (unsigned __int128)a * b;
            __int128 sp = (__int128)(int64_t)a * (int64_t)b;
            __int128 sup = (__int128)(int64_t)a * (__int128)(unsigned __int128)b;
            snprintf(name, sizeof name, "mulhu   [%d,%d]", i, j);
            expect(name, (uint64_t)(up >> 64), ref_mulhu(a, b));
            snprintf(name, sizeof name, "mul lo  [%d,%d]", i, j);
            expect(name, (uint64_t)up, a * b);
            snprintf(name, sizeof name, "mulh    [%d,%d]", i, j);
            expect(name, (uint64_t)(sp >> 64), ref_mulh((int64_t)a, (int64_t)b));
            snprintf(name, sizeof name, "mulhsu  [%d,%d]", i, j);
            expect(name, (uint64_t)(sup >> 64), ref_mulhsu((int64_t)a, b));
        }
    }
    /* 128-bit division goes through libgcc's __udivti3/__modti3; expected values from Python. */
    unsigned __int128 big = ((unsigned __int128)u64(0x0123456789abcdefULL) << 64) | u64(0xfedcba9876543210ULL);
    unsigned __int128 q = big / u64(0x1000000000000001ULL);
    expect("u128 / 0x1000000000000001 hi", (uint64_t)(q >> 64), 0);
    expect("u128 / 0x1000000000000001 lo", (uint64_t)q, 0x123456789abcdefeULL);
    __int128 neg = -(__int128)big;
    expect("i128 % 1000000007", (uint64_t)(int64_t)(neg % (__int128)i64(1000000007)), 0xffffffffdb13b410ULL);
}

static void loads(void) {
    puts("-- sub-word loads and stores");
    volatile uint8_t bytes[8] = {0x80, 0xff, 0x7f, 0x01, 0x00, 0x80, 0xfe, 0xff};
    volatile int8_t *sb = (volatile int8_t *)bytes;
    volatile int16_t *sh = (volatile int16_t *)bytes;
    volatile uint16_t *uh = (volatile uint16_t *)bytes;
    volatile int32_t *sw = (volatile int32_t *)bytes;
    volatile uint32_t *uw = (volatile uint32_t *)bytes;
    expect("lb 0x80", (uint64_t)(int64_t)sb[0], 0xffffffffffffff80ULL);
    expect("lbu 0x80", (uint64_t)bytes[0], 0x80);
    expect("lh 0xff80", (uint64_t)(int64_t)sh[0], 0xffffffffffffff80ULL);
    expect("lhu 0xff80", (uint64_t)uh[0], 0xff80);
    expect("lw 0x017fff80", (uint64_t)(int64_t)sw[0], 0x017fff80);
    expect("lw 0xfffe8000", (uint64_t)(int64_t)sw[1], 0xfffffffffffe8000ULL);
    expect("lwu 0xfffe8000", (uint64_t)uw[1], 0xfffe8000ULL);
    sb[3] = (int8_t)i32(-2);
    sh[2] = (int16_t)i32(0x12345);
    expect("sb/sh then ld", *(volatile uint64_t *)bytes, 0xfffe2345fe7fff80ULL);
}

static void bit_counting(void) {
    puts("-- bit counting builtins (libgcc on RV64GC)");
    static const uint64_t values[] = {
        1, 2, 0x80000000ULL, 0x8000000000000000ULL, 0xffffffffffffffffULL, 0x0123456789abcdefULL,
        0x00f0000000000000ULL, 0x10000000000ULL, 0xaaaaaaaaaaaaaaaaULL, 0x7ULL,
    };
    char name[64];
    for (unsigned i = 0; i < sizeof values / sizeof values[0]; i++) {
        uint64_t x = u64(values[i]);
        snprintf(name, sizeof name, "popcountll[%u]", i);
        expect(name, (uint64_t)__builtin_popcountll(x), (uint64_t)ref_popcount(x));
        snprintf(name, sizeof name, "clzll[%u]", i);
        expect(name, (uint64_t)__builtin_clzll(x), (uint64_t)ref_clz(x));
        snprintf(name, sizeof name, "ctzll[%u]", i);
        expect(name, (uint64_t)__builtin_ctzll(x), (uint64_t)ref_ctz(x));
        snprintf(name, sizeof name, "parityll[%u]", i);
        expect(name, (uint64_t)__builtin_parityll(x), (uint64_t)(ref_popcount(x) & 1));
        snprintf(name, sizeof name, "bswap64[%u]", i);
        expect(name, __builtin_bswap64(x), ref_bswap(x));
        uint32_t w = (uint32_t)x ? (uint32_t)x : 1;
        snprintf(name, sizeof name, "clz32[%u]", i);
        expect(name, (uint64_t)__builtin_clz(u32(w)), (uint64_t)(ref_clz(w) - 32));
        snprintf(name, sizeof name, "popcount32[%u]", i);
        expect(name, (uint64_t)__builtin_popcount(u32(w)), (uint64_t)ref_popcount(w));
    }
}

int main(void) {
    division();
    shifts();
    wrap();
    high_multiply();
    loads();
    bit_counting();
    printf("failures=%d\n", failures);
    return failures ? 1 : 0;
}
