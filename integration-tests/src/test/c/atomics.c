/*
 * The A extension through C11 <stdatomic.h> and GCC's __atomic/__sync builtins, single-threaded:
 * AMO read-modify-writes (amoadd, amoand, amoor, amoxor, amoswap, 32 and 64 bit), LR/SC loops
 * (compare-exchange strong and weak, nand, min/max as CAS loops), and the sign extension of
 * 32-bit AMO results in 64-bit registers. Each step prints the returned and the stored value.
 * Exit status: 0 when every check passes, 1 otherwise.
 */
#include <inttypes.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

static int failures;

static void expect(const char *what, uint64_t got, uint64_t want) {
    printf("%-40s = 0x%016" PRIx64 "%s\n", what, got, got == want ? "" : "  FAIL");
    if (got != want) {
        printf("FAIL %s: want 0x%016" PRIx64 "\n", what, want);
        failures++;
    }
}

static int64_t i64(int64_t x) { volatile int64_t v = x; return v; }

/* Signed and unsigned min/max as compare-exchange loops; they return the old value. */
static int32_t fetch_min_i32(_Atomic int32_t *p, int32_t v) {
    int32_t old = atomic_load(p);
    while (old > v && !atomic_compare_exchange_weak(p, &old, v)) {}
    return old;
}
static uint32_t fetch_max_u32(_Atomic uint32_t *p, uint32_t v) {
    uint32_t old = atomic_load(p);
    while (old < v && !atomic_compare_exchange_weak(p, &old, v)) {}
    return old;
}
static int64_t fetch_max_i64(_Atomic int64_t *p, int64_t v) {
    int64_t old = atomic_load(p);
    while (old < v && !atomic_compare_exchange_weak_explicit(p, &old, v, memory_order_acq_rel, memory_order_acquire)) {}
    return old;
}
static uint64_t fetch_min_u64(_Atomic uint64_t *p, uint64_t v) {
    uint64_t old = atomic_load(p);
    while (old > v && !atomic_compare_exchange_weak(p, &old, v)) {}
    return old;
}

static void c11_32(void) {
    puts("-- C11 atomics, 32 bit");
    static _Atomic int32_t a;
    atomic_store(&a, 0x7ffffffe);
    expect("fetch_add old", (uint64_t)(int64_t)atomic_fetch_add(&a, 1), 0x7ffffffe);
    int32_t old = atomic_fetch_add(&a, 1);
    /* amoadd.w returns the old value sign-extended: 0x7fffffff, and the memory now wraps. */
    expect("fetch_add old (wide use)", (uint64_t)((int64_t)old + i64(1)), 0x80000000ULL);
    expect("fetch_add wrapped value", (uint64_t)(int64_t)atomic_load(&a), 0xffffffff80000000ULL);
    expect("fetch_sub old", (uint64_t)(int64_t)atomic_fetch_sub(&a, 1), 0xffffffff80000000ULL);
    expect("fetch_sub value", (uint64_t)(int64_t)atomic_load(&a), 0x7fffffff);
    atomic_store(&a, (int32_t)0xf0f0f0f0);
    expect("fetch_and old", (uint64_t)(int64_t)atomic_fetch_and(&a, 0x0ff00ff0), 0xfffffffff0f0f0f0ULL);
    expect("fetch_and value", (uint64_t)(int64_t)atomic_load(&a), 0x00f000f0);
    expect("fetch_or old", (uint64_t)(int64_t)atomic_fetch_or(&a, (int32_t)0x80000001), 0x00f000f0);
    expect("fetch_or value", (uint64_t)(int64_t)atomic_load(&a), 0xffffffff80f000f1ULL);
    expect("fetch_xor old", (uint64_t)(int64_t)atomic_fetch_xor(&a, -1), 0xffffffff80f000f1ULL);
    expect("fetch_xor value", (uint64_t)(int64_t)atomic_load(&a), 0x7f0fff0e);
    expect("exchange old", (uint64_t)(int64_t)atomic_exchange(&a, -5), 0x7f0fff0e);
    expect("exchange value", (uint64_t)(int64_t)atomic_load(&a), (uint64_t)-5);

    int32_t expected = -5;
    expect("cas strong hit returns", atomic_compare_exchange_strong(&a, &expected, 42), 1);
    expect("cas strong hit value", (uint64_t)(int64_t)atomic_load(&a), 42);
    expected = 41;
    expect("cas strong miss returns", atomic_compare_exchange_strong(&a, &expected, 7), 0);
    expect("cas strong miss loads expected", (uint64_t)(int64_t)expected, 42);
    expect("cas strong miss leaves value", (uint64_t)(int64_t)atomic_load(&a), 42);
    expected = 42;
    int tries = 0;
    while (!atomic_compare_exchange_weak(&a, &expected, -1) && tries < 1000) tries++;
    expect("cas weak loop succeeds", (uint64_t)(int64_t)atomic_load(&a), (uint64_t)-1);
    expected = 0;
    expect("cas weak miss returns", atomic_compare_exchange_weak(&a, &expected, 1), 0);
    expect("cas weak miss loads expected", (uint64_t)(int64_t)expected, (uint64_t)-1);

    atomic_store(&a, 10);
    expect("min(10,-3) old", (uint64_t)(int64_t)fetch_min_i32(&a, -3), 10);
    expect("min(10,-3) value", (uint64_t)(int64_t)atomic_load(&a), (uint64_t)-3);
    expect("min(-3,5) old", (uint64_t)(int64_t)fetch_min_i32(&a, 5), (uint64_t)-3);
    expect("min(-3,5) value", (uint64_t)(int64_t)atomic_load(&a), (uint64_t)-3);

    static _Atomic uint32_t u;
    atomic_store(&u, 5);
    expect("umax(5,0x80000000) old", fetch_max_u32(&u, 0x80000000u), 5);
    expect("umax(5,0x80000000) value", atomic_load(&u), 0x80000000ULL);
    expect("umax(..,7) value", (fetch_max_u32(&u, 7), atomic_load(&u)), 0x80000000ULL);
    /* An unsigned 32-bit value read into a 64-bit register must be zero-extended by the C code. */
    expect("u32 fetch_add old zero-extends", (uint64_t)atomic_fetch_add(&u, 0x80000000u), 0x80000000ULL);
    expect("u32 fetch_add wraps to 0", atomic_load(&u), 0);
}

static void c11_64(void) {
    puts("-- C11 atomics, 64 bit");
    static _Atomic int64_t a;
    static _Atomic uint64_t u;
    atomic_store(&a, INT64_MAX);
    expect("fetch_add old", (uint64_t)atomic_fetch_add(&a, 1), (uint64_t)INT64_MAX);
    expect("fetch_add wrapped", (uint64_t)atomic_load(&a), (uint64_t)INT64_MIN);
    expect("fetch_sub old", (uint64_t)atomic_fetch_sub(&a, 2), (uint64_t)INT64_MIN);
    expect("fetch_sub value", (uint64_t)atomic_load(&a), (uint64_t)INT64_MAX - 1);
    atomic_store(&u, 0xff00ff00ff00ff00ULL);
    expect("fetch_and old", atomic_fetch_and(&u, 0x0ff00ff00ff00ff0ULL), 0xff00ff00ff00ff00ULL);
    expect("fetch_and value", atomic_load(&u), 0x0f000f000f000f00ULL);
    expect("fetch_or old", atomic_fetch_or(&u, 0x8000000000000001ULL), 0x0f000f000f000f00ULL);
    expect("fetch_or value", atomic_load(&u), 0x8f000f000f000f01ULL);
    expect("fetch_xor old", atomic_fetch_xor(&u, UINT64_MAX), 0x8f000f000f000f01ULL);
    expect("fetch_xor value", atomic_load(&u), 0x70fff0fff0fff0feULL);
    expect("exchange old", atomic_exchange(&u, 0x123456789abcdef0ULL), 0x70fff0fff0fff0feULL);
    expect("exchange value", atomic_load(&u), 0x123456789abcdef0ULL);

    uint64_t expected = 0x123456789abcdef0ULL;
    expect("cas strong hit returns", atomic_compare_exchange_strong(&u, &expected, 1), 1);
    expected = 2;
    expect("cas strong miss returns", atomic_compare_exchange_strong(&u, &expected, 3), 0);
    expect("cas strong miss loads expected", expected, 1);
    /* The low 32 bits match but the whole doubleword does not: lr.d/sc.d must compare 64 bits. */
    atomic_store(&u, 0x100000001ULL);
    expected = 1;
    expect("cas compares all 64 bits", atomic_compare_exchange_strong(&u, &expected, 9), 0);
    expect("cas 64 miss loads expected", expected, 0x100000001ULL);
    int tries = 0;
    while (!atomic_compare_exchange_weak(&u, &expected, 77) && tries < 1000) tries++;
    expect("cas weak loop succeeds", atomic_load(&u), 77);

    atomic_store(&a, -100);
    expect("max(-100,-200) old", (uint64_t)fetch_max_i64(&a, -200), (uint64_t)-100);
    expect("max(-100,-200) value", (uint64_t)atomic_load(&a), (uint64_t)-100);
    expect("max(-100,50) value", (fetch_max_i64(&a, 50), (uint64_t)atomic_load(&a)), 50);
    atomic_store(&u, UINT64_MAX);
    expect("umin(max,3) old", fetch_min_u64(&u, 3), UINT64_MAX);
    expect("umin(max,3) value", atomic_load(&u), 3);
}

static void gnu_builtins(void) {
    puts("-- __atomic and __sync builtins");
    static int64_t d;
    static int32_t w;
    __atomic_store_n(&d, 100, __ATOMIC_RELEASE);
    expect("__atomic_add_fetch", (uint64_t)__atomic_add_fetch(&d, 5, __ATOMIC_SEQ_CST), 105);
    expect("__atomic_sub_fetch", (uint64_t)__atomic_sub_fetch(&d, 205, __ATOMIC_ACQ_REL), (uint64_t)-100);
    expect("__atomic_fetch_nand old", (uint64_t)__atomic_fetch_nand(&d, 0xff, __ATOMIC_SEQ_CST), (uint64_t)-100);
    expect("__atomic_fetch_nand value", (uint64_t)__atomic_load_n(&d, __ATOMIC_ACQUIRE), (uint64_t)~(-100 & 0xff));
    expect("__atomic_exchange_n", (uint64_t)__atomic_exchange_n(&d, 8, __ATOMIC_RELAXED), (uint64_t)~(-100 & 0xff));
    int64_t exp64 = 8;
    expect("__atomic_compare_exchange_n", __atomic_compare_exchange_n(&d, &exp64, 9, false, __ATOMIC_SEQ_CST, __ATOMIC_RELAXED), 1);
    expect("  stored", (uint64_t)d, 9);
    __atomic_store_n(&w, -1, __ATOMIC_SEQ_CST);
    expect("__atomic_fetch_nand 32 old", (uint64_t)(int64_t)__atomic_fetch_nand(&w, 0x0f, __ATOMIC_SEQ_CST), (uint64_t)-1);
    expect("__atomic_fetch_nand 32 value", (uint64_t)(int64_t)__atomic_load_n(&w, __ATOMIC_SEQ_CST), (uint64_t)(int64_t)~0x0f);
    expect("__atomic_or_fetch 32", (uint64_t)(int64_t)__atomic_or_fetch(&w, 0x0f, __ATOMIC_SEQ_CST), (uint64_t)-1);
    expect("__atomic_xor_fetch 32", (uint64_t)(int64_t)__atomic_xor_fetch(&w, 0x7fffffff, __ATOMIC_SEQ_CST), 0xffffffff80000000ULL);
    expect("__sync_fetch_and_add", (uint64_t)__sync_fetch_and_add(&d, 1), 9);
    expect("__sync_val_compare_and_swap hit", (uint64_t)__sync_val_compare_and_swap(&d, 10, 20), 10);
    expect("__sync_val_compare_and_swap miss", (uint64_t)__sync_val_compare_and_swap(&d, 10, 30), 20);
    expect("__sync_bool_compare_and_swap", __sync_bool_compare_and_swap(&w, (int32_t)0x80000000, 3), 1);
    expect("__sync_lock_test_and_set", (uint64_t)(int64_t)__sync_lock_test_and_set(&w, 1), 3);
    __sync_lock_release(&w);
    expect("__sync_lock_release", (uint64_t)(int64_t)w, 0);
    __sync_synchronize();
    atomic_thread_fence(memory_order_seq_cst);
    atomic_signal_fence(memory_order_seq_cst);
    expect("always lock free 8 bytes", __atomic_always_lock_free(8, 0), 1);
}

int main(void) {
    c11_32();
    c11_64();
    gnu_builtins();
    printf("failures=%d\n", failures);
    return failures ? 1 : 0;
}
