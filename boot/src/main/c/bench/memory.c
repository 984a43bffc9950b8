/*
 * bench cpu: memory. Load- and store-heavy loops over a 4 MiB working set: a sequential
 * 64-bit sum, a strided walk that touches a new cache line (and often a new page) per load,
 * a word-by-word copy, a byte-granular fill-and-check, and a pointer chase through a random
 * cyclic permutation (every load depends on the previous one).
 *
 *   memory [PASSES]      default 60; the work is linear in PASSES
 *
 * Prints "memory passes=P checksum=HEX"; the checksum depends only on PASSES.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#define WORDS (512 * 1024) /* 4 MiB of uint64_t */

static uint64_t lcg(uint64_t *state) {
    *state = *state * 6364136223846793005ULL + 1442695040888963407ULL;
    return *state >> 17;
}

int main(int argc, char **argv) {
    unsigned passes = argc > 1 ? (unsigned)strtoul(argv[1], NULL, 10) : 60;
    uint64_t *a = malloc(WORDS * sizeof *a);
    uint64_t *b = malloc(WORDS * sizeof *b);
    uint32_t *next = malloc(WORDS * sizeof *next);
    if (!a || !b || !next) {
        fprintf(stderr, "memory: out of memory\n");
        return 1;
    }
    uint64_t seed = 42;
    for (uint32_t i = 0; i < WORDS; i++) a[i] = lcg(&seed);
    /* A single random cycle through all slots (Sattolo's algorithm). */
    for (uint32_t i = 0; i < WORDS; i++) next[i] = i;
    for (uint32_t i = WORDS - 1; i > 0; i--) {
        uint32_t j = (uint32_t)(lcg(&seed) % i);
        uint32_t t = next[i];
        next[i] = next[j];
        next[j] = t;
    }

    uint64_t checksum = 0;
    for (unsigned p = 0; p < passes; p++) {
        uint64_t sum = 0;
        for (uint32_t i = 0; i < WORDS; i++) sum += a[i];
        checksum = checksum * 31 + sum;

        uint64_t strided = 0;
        for (uint32_t start = 0; start < 64; start++)
            for (uint32_t i = start; i < WORDS; i += 520) strided ^= a[i] + i;
        checksum = checksum * 31 + strided;

        for (uint32_t i = 0; i < WORDS; i++) b[i] = a[i] ^ p;
        checksum = checksum * 31 + b[(p * 7919) % WORDS];

        unsigned char *bytes = (unsigned char *)b;
        for (uint32_t i = 0; i < WORDS * 8 / 4; i++) bytes[i] = (unsigned char)(i + p);
        uint32_t bad = 0;
        for (uint32_t i = 0; i < WORDS * 8 / 4; i += 3) bad += bytes[i] != (unsigned char)(i + p);
        checksum = checksum * 31 + bad;

        uint32_t at = p;
        uint64_t chase = 0;
        for (uint32_t i = 0; i < WORDS / 2; i++) {
            at = next[at];
            chase += at;
        }
        checksum = checksum * 31 + chase;

        /* Feed the next pass: rotate the array contents a little. */
        for (uint32_t i = 0; i < WORDS; i += 8) a[i] = (a[i] << 1 | a[i] >> 63) + p;
    }
    printf("memory passes=%u checksum=%016llx\n", passes, (unsigned long long)checksum);
    free(a);
    free(b);
    free(next);
    return 0;
}
