/*
 * bench cpu: branchy. Control flow that depends on random data, so branches are hard to predict:
 * quicksort of random keys (median of three, insertion sort for small ranges), binary search of
 * random probes in the sorted array, and a byte-driven state machine that classifies random text.
 *
 *   branchy [ROUNDS]     default 24; the work is linear in ROUNDS
 *
 * Prints "branchy rounds=R checksum=HEX"; the checksum depends only on ROUNDS.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#define KEYS 100000
#define PROBES 200000
#define TEXT 400000

static uint64_t state;

static uint32_t next_random(void) {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    return (uint32_t)(state >> 33);
}

static void insertion_sort(uint32_t *a, long lo, long hi) {
    for (long i = lo + 1; i <= hi; i++) {
        uint32_t v = a[i];
        long j = i - 1;
        while (j >= lo && a[j] > v) {
            a[j + 1] = a[j];
            j--;
        }
        a[j + 1] = v;
    }
}

static void quicksort(uint32_t *a, long lo, long hi) {
    while (hi - lo > 16) {
        long mid = lo + (hi - lo) / 2;
        uint32_t x = a[lo], y = a[mid], z = a[hi];
        uint32_t pivot = x < y ? (y < z ? y : (x < z ? z : x)) : (x < z ? x : (y < z ? z : y));
        long i = lo, j = hi;
        while (i <= j) {
            while (a[i] < pivot) i++;
            while (a[j] > pivot) j--;
            if (i <= j) {
                uint32_t t = a[i];
                a[i] = a[j];
                a[j] = t;
                i++;
                j--;
            }
        }
        /* Recurse into the smaller side, loop on the larger: bounded stack. */
        if (j - lo < hi - i) {
            quicksort(a, lo, j);
            lo = i;
        } else {
            quicksort(a, i, hi);
            hi = j;
        }
    }
    insertion_sort(a, lo, hi);
}

static long lower_bound(const uint32_t *a, long n, uint32_t key) {
    long lo = 0, hi = n;
    while (lo < hi) {
        long mid = (lo + hi) >> 1;
        if (a[mid] < key) lo = mid + 1;
        else hi = mid;
    }
    return lo;
}

/* Counts words, numbers, hex literals and punctuation in a random byte stream. */
static uint64_t classify(const unsigned char *text, long n) {
    enum { SPACE, WORD, NUMBER, HEX_PREFIX, HEX } s = SPACE;
    uint64_t words = 0, numbers = 0, hexes = 0, punct = 0;
    for (long i = 0; i < n; i++) {
        unsigned char c = text[i];
        int alpha = (c | 32) >= 'a' && (c | 32) <= 'z';
        int digit = c >= '0' && c <= '9';
        switch (s) {
        case SPACE:
            if (c == '0') s = HEX_PREFIX;
            else if (digit) s = NUMBER;
            else if (alpha) s = WORD;
            else if (c != ' ') punct++;
            break;
        case WORD:
            if (!alpha && !digit) { words++; s = SPACE; }
            break;
        case NUMBER:
            if (!digit) { numbers++; s = alpha ? WORD : SPACE; }
            break;
        case HEX_PREFIX:
            if (c == 'x') s = HEX;
            else if (digit) s = NUMBER;
            else { numbers++; s = SPACE; }
            break;
        case HEX:
            if (!digit && !((c | 32) >= 'a' && (c | 32) <= 'f')) { hexes++; s = SPACE; }
            break;
        }
    }
    return words * 1000003 + numbers * 10007 + hexes * 101 + punct;
}

int main(int argc, char **argv) {
    unsigned rounds = argc > 1 ? (unsigned)strtoul(argv[1], NULL, 10) : 24;
    uint32_t *keys = malloc(KEYS * sizeof *keys);
    unsigned char *text = malloc(TEXT);
    static const char alphabet[] = "  abcxyz0123456789x0x.,;-+ ABCFZ";
    uint64_t checksum = 0;
    for (unsigned r = 0; r < rounds; r++) {
        state = 1000 + r;
        for (long i = 0; i < KEYS; i++) keys[i] = next_random();
        quicksort(keys, 0, KEYS - 1);
        uint64_t sorted = 1;
        for (long i = 1; i < KEYS; i++) sorted &= keys[i - 1] <= keys[i];
        checksum = checksum * 31 + sorted + keys[KEYS / 2];

        uint64_t found = 0;
        for (long i = 0; i < PROBES; i++) {
            uint32_t key = next_random();
            long at = lower_bound(keys, KEYS, key);
            found += at < KEYS && keys[at] == key ? 1000 : (uint64_t)at & 7;
        }
        checksum = checksum * 31 + found;

        for (long i = 0; i < TEXT; i++) text[i] = (unsigned char)alphabet[next_random() & 31];
        checksum = checksum * 31 + classify(text, TEXT);
    }
    printf("branchy rounds=%u checksum=%016llx\n", rounds, (unsigned long long)checksum);
    free(keys);
    free(text);
    return 0;
}
