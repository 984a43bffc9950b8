/*
 * bench cpu: coremark_like. A mix in the spirit of embedded CPU benchmarks (written for Exo-OS, not
 * taken from CoreMark): linked-list work (build, search, reverse, merge sort by key), 16-bit integer
 * matrix work (multiply by a constant, by a vector, by a matrix, with masking), a state machine that
 * scans a numeric text, and a CRC-16 over every intermediate result.
 *
 *   coremark_like [ITERATIONS]   default 8000; the work is linear in ITERATIONS
 *
 * Prints "coremark_like iterations=I crc=HEX checksum=HEX".
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#define NODES 400
#define DIM 20
#define TEXT 1200

struct node { struct node *next; int16_t key; int16_t value; };

static uint16_t crc16(uint16_t crc, uint32_t data, int bits) {
    for (int i = 0; i < bits; i++) {
        unsigned mix = (crc ^ data) & 1;
        crc >>= 1;
        data >>= 1;
        if (mix) crc ^= 0xa001;
    }
    return crc;
}

/* ---- linked list ---- */

static struct node *build_list(struct node *pool, uint32_t seed) {
    struct node *head = NULL;
    for (int i = 0; i < NODES; i++) {
        seed = seed * 1103515245u + 12345u;
        pool[i].key = (int16_t)((seed >> 16) & 0x7fff);
        pool[i].value = (int16_t)i;
        pool[i].next = head;
        head = &pool[i];
    }
    return head;
}

static struct node *reverse(struct node *head) {
    struct node *prev = NULL;
    while (head) {
        struct node *next = head->next;
        head->next = prev;
        prev = head;
        head = next;
    }
    return prev;
}

static struct node *find(struct node *head, int16_t key) {
    while (head && head->key != key) head = head->next;
    return head;
}

static struct node *merge_sort(struct node *head) {
    if (!head || !head->next) return head;
    struct node *slow = head, *fast = head->next;
    while (fast && fast->next) {
        slow = slow->next;
        fast = fast->next->next;
    }
    struct node *second = slow->next;
    slow->next = NULL;
    struct node *a = merge_sort(head), *b = merge_sort(second), dummy, *tail = &dummy;
    while (a && b) {
        if (a->key <= b->key) { tail->next = a; a = a->next; }
        else { tail->next = b; b = b->next; }
        tail = tail->next;
    }
    tail->next = a ? a : b;
    return dummy.next;
}

static uint16_t list_work(struct node *pool, uint32_t seed, uint16_t crc) {
    struct node *head = build_list(pool, seed);
    for (int i = 0; i < 40; i++) {
        struct node *hit = find(head, pool[(i * 37) % NODES].key);
        crc = crc16(crc, hit ? (uint16_t)hit->value : 0xffff, 16);
        struct node *miss = find(head, (int16_t)-1 - i);
        crc = crc16(crc, miss ? 1 : 0, 1);
    }
    head = reverse(head);
    crc = crc16(crc, (uint16_t)head->value, 16);
    head = merge_sort(head);
    int16_t previous = -1;
    int ordered = 1;
    uint32_t sum = 0;
    for (struct node *n = head; n; n = n->next) {
        ordered &= n->key >= previous;
        previous = n->key;
        sum += (uint32_t)n->value * (uint32_t)(n->key & 0xff);
    }
    crc = crc16(crc, sum, 32);
    return crc16(crc, (uint32_t)ordered, 8);
}

/* ---- matrices ---- */

static uint16_t matrix_work(int16_t *a, int16_t *b, int32_t *c, int16_t k, uint16_t crc) {
    for (int i = 0; i < DIM * DIM; i++) a[i] = (int16_t)(a[i] * k + 3);
    for (int i = 0; i < DIM; i++) {
        int32_t acc = 0;
        for (int j = 0; j < DIM; j++) acc += a[i * DIM + j] * b[j];
        c[i] = acc;
        crc = crc16(crc, (uint32_t)acc, 32);
    }
    for (int i = 0; i < DIM; i++)
        for (int j = 0; j < DIM; j++) {
            int32_t acc = 0;
            for (int m = 0; m < DIM; m++) acc += a[i * DIM + m] * b[m * DIM + j];
            c[i * DIM + j] = acc;
        }
    uint32_t bits = 0;
    for (int i = 0; i < DIM * DIM; i++) bits += (uint32_t)(c[i] >> 2) & 0x0ff0;
    for (int i = 0; i < DIM * DIM; i++) a[i] = (int16_t)(c[i] & 0x7f);
    return crc16(crc, bits, 32);
}

/* ---- state machine over a numeric text ---- */

enum state { START, INT, FRACTION, EXPONENT_SIGN, EXPONENT, INVALID, STATES };

static uint16_t scan(const char *text, int n, uint16_t crc) {
    unsigned counts[STATES] = {0}, transitions = 0;
    enum state s = START;
    for (int i = 0; i < n; i++) {
        char c = text[i];
        enum state before = s;
        if (c == ',') {
            counts[s]++;
            s = START;
            continue;
        }
        switch (s) {
        case START: s = (c >= '0' && c <= '9') || c == '-' || c == '+' ? INT : c == '.' ? FRACTION : INVALID; break;
        case INT: s = c >= '0' && c <= '9' ? INT : c == '.' ? FRACTION : c == 'e' || c == 'E' ? EXPONENT_SIGN : INVALID; break;
        case FRACTION: s = c >= '0' && c <= '9' ? FRACTION : c == 'e' || c == 'E' ? EXPONENT_SIGN : INVALID; break;
        case EXPONENT_SIGN: s = (c >= '0' && c <= '9') || c == '-' || c == '+' ? EXPONENT : INVALID; break;
        case EXPONENT: s = c >= '0' && c <= '9' ? EXPONENT : INVALID; break;
        default: break;
        }
        transitions += s != before;
    }
    for (int i = 0; i < STATES; i++) crc = crc16(crc, counts[i], 16);
    return crc16(crc, transitions, 32);
}

static void make_text(char *text, uint32_t seed) {
    static const char pieces[] = "0123456789.,e-+E,5.25e3,-17,x1,";
    for (int i = 0; i < TEXT; i++) {
        seed = seed * 1664525u + 1013904223u;
        text[i] = pieces[(seed >> 24) % (sizeof pieces - 1)];
    }
}

int main(int argc, char **argv) {
    unsigned iterations = argc > 1 ? (unsigned)strtoul(argv[1], NULL, 10) : 8000;
    struct node *pool = malloc(NODES * sizeof *pool);
    int16_t *a = malloc(DIM * DIM * sizeof *a), *b = malloc(DIM * DIM * sizeof *b);
    int32_t *c = malloc(DIM * DIM * sizeof *c);
    char *text = malloc(TEXT);
    for (int i = 0; i < DIM * DIM; i++) {
        a[i] = (int16_t)((i * 17) % 61 - 30);
        b[i] = (int16_t)((i * 29) % 53 - 26);
    }
    uint16_t crc = 0;
    uint64_t checksum = 0;
    for (unsigned it = 0; it < iterations; it++) {
        crc = list_work(pool, it * 2654435761u + 1, crc);
        crc = matrix_work(a, b, c, (int16_t)(it % 7 + 1), crc);
        make_text(text, it + 7);
        crc = scan(text, TEXT, crc);
        checksum = checksum * 31 + crc;
    }
    printf("coremark_like iterations=%u crc=%04x checksum=%016llx\n", iterations, crc, (unsigned long long)checksum);
    free(pool);
    free(a);
    free(b);
    free(c);
    free(text);
    return 0;
}
