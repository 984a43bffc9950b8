/*
 * The memory a C program asks for: brk, malloc of small blocks (heap) and large ones
 * (mmap, above the libc's threshold), realloc that grows and moves (mremap for glibc's mmapped
 * chunks), calloc that must return zeroes even for recycled memory, aligned allocation, and
 * mmap/mprotect/munmap/mremap used directly, with their errors.
 * Every allocation is written and read back. Prints facts and a checksum, never addresses.
 * Exit status: 0 when every check passes, 1 otherwise.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "check.h"

static uint64_t checksum = 1469598103934665603ULL;


static void fill(unsigned char *p, size_t n, unsigned seed) {
    for (size_t i = 0; i < n; i++) p[i] = (unsigned char)(i * 31 + seed);
}

static int verify(const unsigned char *p, size_t n, unsigned seed) {
    for (size_t i = 0; i < n; i++) {
        if (p[i] != (unsigned char)(i * 31 + seed)) return 0;
        checksum = (checksum ^ p[i]) * 1099511628211ULL;
    }
    return 1;
}

static int all_zero(const unsigned char *p, size_t n) {
    for (size_t i = 0; i < n; i++)
        if (p[i]) return 0;
    return 1;
}

/* The raw brk system call: musl's sbrk refuses to move the break, and both libcs' malloc may
 * own it, so the break is moved and put back through the syscall itself. */
static void with_brk(void) {
    puts("-- brk");
    uintptr_t start = (uintptr_t)syscall(SYS_brk, 0);
    check(start != 0, "brk(0) returns the current break");
    uintptr_t target = start + 65536;
    uintptr_t now = (uintptr_t)syscall(SYS_brk, target);
    check(now == target, "brk(+64 KiB) moves the break");
    if (now != target) return;
    check((uintptr_t)syscall(SYS_brk, 0) == target, "brk(0) reports the new break");
    unsigned char *old = (unsigned char *)start;
    check(all_zero(old, 65536), "new brk memory is zero");
    fill(old, 65536, 1);
    check(verify(old, 65536, 1), "new brk memory holds data");
    check((uintptr_t)syscall(SYS_brk, start) == start, "brk back to the start");
    check((uintptr_t)syscall(SYS_brk, 1) == start, "brk below the data segment is refused (the break stays)");
}

static void with_malloc(void) {
    puts("-- malloc, realloc, calloc, free");
    enum { SMALL = 500 };
    unsigned char *small[SMALL];
    int aligned16 = 1;
    for (int i = 0; i < SMALL; i++) {
        size_t n = 1 + (size_t)i * 7 % 600;
        small[i] = malloc(n);
        if (!small[i]) { check(0, "small malloc"); return; }
        aligned16 &= ((uintptr_t)small[i] & 15) == 0;
        fill(small[i], n, (unsigned)i);
    }
    check(aligned16, "malloc returns 16-byte aligned memory");
    int ok = 1;
    for (int i = 0; i < SMALL; i++) ok &= verify(small[i], 1 + (size_t)i * 7 % 600, (unsigned)i);
    check(ok, "500 small blocks keep their contents");
    for (int i = 0; i < SMALL; i += 2) free(small[i]);
    for (int i = 1; i < SMALL; i += 2) ok &= verify(small[i], 1 + (size_t)i * 7 % 600, (unsigned)i);
    check(ok, "freeing every other block leaves the rest intact");
    for (int i = 1; i < SMALL; i += 2) free(small[i]);

    size_t large = 8u << 20;
    unsigned char *big = malloc(large);
    check(big != NULL, "malloc(8 MiB) succeeds");
    if (!big) return;
    for (size_t i = 0; i < large; i += 4096) big[i] = (unsigned char)(i >> 12);
    ok = 1;
    for (size_t i = 0; i < large; i += 4096) ok &= big[i] == (unsigned char)(i >> 12);
    check(ok, "every page of the 8 MiB block is writable");
    free(big);

    unsigned char *r = malloc(100);
    fill(r, 100, 7);
    r = realloc(r, 4096);
    check(r && verify(r, 100, 7), "realloc 100 -> 4 KiB keeps the data");
    fill(r, 4096, 8);
    r = realloc(r, 1u << 20);
    check(r && verify(r, 4096, 8), "realloc 4 KiB -> 1 MiB keeps the data");
    fill(r, 1u << 20, 9);
    r = realloc(r, 16u << 20);
    check(r && verify(r, 1u << 20, 9), "realloc 1 MiB -> 16 MiB keeps the data");
    r[(16u << 20) - 1] = 0x5a;
    r = realloc(r, 1000);
    check(r && verify(r, 1000, 9), "realloc 16 MiB -> 1000 bytes keeps the prefix");
    free(r);

    unsigned char *dirty = malloc(1u << 20);
    memset(dirty, 0xaa, 1u << 20);
    free(dirty);
    unsigned char *z = calloc(1u << 20, 1);
    check(z && all_zero(z, 1u << 20), "calloc(1 MiB) after a dirty free is zero");
    free(z);
    unsigned char *dirty_small = malloc(256);
    memset(dirty_small, 0x55, 256);
    free(dirty_small);
    z = calloc(32, 8);
    check(z && all_zero(z, 256), "calloc(32, 8) after a dirty free is zero");
    free(z);
    errno = 0;
    volatile size_t half = SIZE_MAX / 2;
    void *huge = calloc(half, 4);
    check(huge == NULL && errno == ENOMEM, "calloc with an overflowing size fails with ENOMEM");

    void *aligned = NULL;
    check(posix_memalign(&aligned, 4096, 10000) == 0 && ((uintptr_t)aligned & 4095) == 0,
          "posix_memalign(4096) is page aligned");
    fill(aligned, 10000, 3);
    check(verify(aligned, 10000, 3), "the aligned block holds data");
    free(aligned);
    void *a64 = aligned_alloc(64, 640);
    check(a64 && ((uintptr_t)a64 & 63) == 0, "aligned_alloc(64) is 64-byte aligned");
    free(a64);
}

static void with_mmap(void) {
    puts("-- mmap, mprotect, munmap, mremap");
    const size_t page = 4096;
    unsigned char *p = mmap(NULL, 3 * page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    check(p != MAP_FAILED, "anonymous mmap of 3 pages");
    if (p == MAP_FAILED) return;
    check(((uintptr_t)p & (page - 1)) == 0, "mmap returns a page-aligned address");
    check(all_zero(p, 3 * page), "anonymous memory is zero");
    fill(p, 3 * page, 4);
    check(mprotect(p + page, page, PROT_READ) == 0, "mprotect(PROT_READ) of the middle page");
    check(verify(p, 3 * page, 4), "all three pages still read back");
    check(mprotect(p + page, page, PROT_READ | PROT_WRITE) == 0, "mprotect back to read-write");
    p[page] = 0xee;
    check(munmap(p + page, page) == 0, "munmap of the middle page");
    unsigned char *again = mmap(p + page, page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
    check(again == p + page, "MAP_FIXED maps exactly at the hole");
    check(all_zero(again, page), "the re-mapped page is zero");
    check(verify(p, page, 4), "the first page is untouched");
    check(p[2 * page] == (unsigned char)((2 * page) * 31 + 4), "the last page is untouched");

    unsigned char *grown = mremap(p, 3 * page, 64 * page, MREMAP_MAYMOVE);
    check(grown != MAP_FAILED, "mremap grows 3 -> 64 pages");
    if (grown != MAP_FAILED) {
        check(verify(grown, page, 4), "mremap keeps the contents");
        check(all_zero(grown + 3 * page, 61 * page), "the grown part is zero");
        grown[64 * page - 1] = 1;
        check(munmap(grown, 64 * page) == 0, "munmap of the grown mapping");
    }

    errno = 0;
    check(mmap(NULL, 0, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0) == MAP_FAILED && errno == EINVAL,
          "mmap of length 0 fails with EINVAL");
    errno = 0;
    check(munmap((void *)((uintptr_t)p + 1), page) == -1 && errno == EINVAL, "munmap of an unaligned address fails with EINVAL");
    errno = 0;
    check(mmap(NULL, page, PROT_READ, MAP_PRIVATE, -1, 0) == MAP_FAILED && errno == EBADF,
          "file mmap of fd -1 fails with EBADF");
    check(munmap(p, page) == 0, "munmap of an already unmapped range succeeds");
}

int main(void) {
    with_brk();
    with_malloc();
    with_mmap();
    printf("checksum=%016llx\n", (unsigned long long)checksum);
    printf("failures=%d\n", failures);
    return failures ? 1 : 0;
}
