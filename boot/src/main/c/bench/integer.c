/*
 * bench cpu: integer. Register-only integer work with few loads and stores: Collatz trajectories
 * (add, shift, data-dependent branch), a 64-bit LCG mixed with xorshift and multiply-high,
 * Euclid's gcd (remainder) and a bit-twiddling popcount. Memory traffic is negligible.
 *
 *   integer [ROUNDS]     default 80; the work is linear in ROUNDS
 *
 * Prints "integer rounds=R checksum=HEX"; the checksum depends only on ROUNDS.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

static uint64_t collatz_block(uint64_t start, unsigned count) {
    uint64_t total = 0;
    for (unsigned i = 0; i < count; i++) {
        uint64_t n = start + i, steps = 0;
        while (n != 1) {
            n = (n & 1) ? 3 * n + 1 : n >> 1;
            steps++;
        }
        total += steps;
    }
    return total;
}

static uint64_t lcg_mix(uint64_t seed, unsigned count) {
    uint64_t x = seed, acc = 0;
    for (unsigned i = 0; i < count; i++) {
        x = x * 6364136223846793005ULL + 1442695040888963407ULL;
        uint64_t y = x ^ (x >> 29);
        y ^= y << 17;
        y ^= y >> 31;
        acc += (uint64_t)(((unsigned __int128)y * 0x9e3779b97f4a7c15ULL) >> 64);
        acc ^= (uint32_t)y * 2654435761u;
    }
    return acc;
}

static uint64_t gcd_sum(uint64_t seed, unsigned count) {
    uint64_t sum = 0, a = seed | 1, b = seed * 7 + 3;
    for (unsigned i = 0; i < count; i++) {
        uint64_t x = a + i * 2654435761ULL, y = b + i * 40503ULL;
        while (y) {
            uint64_t t = x % y;
            x = y;
            y = t;
        }
        sum += x;
    }
    return sum;
}

static unsigned popcount_sum(uint64_t seed, unsigned count) {
    unsigned sum = 0;
    uint64_t x = seed;
    for (unsigned i = 0; i < count; i++) {
        uint64_t v = x;
        v = v - ((v >> 1) & 0x5555555555555555ULL);
        v = (v & 0x3333333333333333ULL) + ((v >> 2) & 0x3333333333333333ULL);
        v = (v + (v >> 4)) & 0x0f0f0f0f0f0f0f0fULL;
        sum += (unsigned)((v * 0x0101010101010101ULL) >> 56);
        x = x * 2862933555777941757ULL + 3037000493ULL;
    }
    return sum;
}

int main(int argc, char **argv) {
    unsigned rounds = argc > 1 ? (unsigned)strtoul(argv[1], NULL, 10) : 80;
    uint64_t checksum = 0;
    for (unsigned r = 0; r < rounds; r++) {
        checksum = checksum * 31 + collatz_block(1 + r * 1000ULL, 20000);
        checksum = checksum * 31 + lcg_mix(r + 1, 400000);
        checksum = checksum * 31 + gcd_sum(r + 12345, 20000);
        checksum = checksum * 31 + popcount_sum(r * 977 + 1, 300000);
    }
    printf("integer rounds=%u checksum=%016llx\n", rounds, (unsigned long long)checksum);
    return 0;
}
