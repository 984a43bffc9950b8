/* aslr.c (Exo-OS only: the addresses are the kernel's choice, so they cannot match qemu-riscv64's):
 * prints where the stack, an anonymous mmap and the program break are, and checks that /proc/self/maps
 * agrees ([stack] holds a local variable, [heap] the break, the mapping is listed).
 * AddressLayoutTest runs it twice: with address space layout randomization the addresses differ between
 * runs, with --no-aslr they are the same. */
#define _GNU_SOURCE
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "../check.h"

/* Whether a /proc/self/maps line names an area [lo, hi) holding address a, ending in name (or any name if NULL). */
static int maps_has(uintptr_t a, const char *name, int must_start_at_a) {
    FILE *f = fopen("/proc/self/maps", "r");
    if (!f) return 0;
    char line[512];
    int found = 0;
    while (fgets(line, sizeof line, f)) {
        unsigned long lo, hi;
        if (sscanf(line, "%lx-%lx", &lo, &hi) != 2) continue;
        if (a < lo || a >= hi || (must_start_at_a && a != lo)) continue;
        if (name == NULL || strstr(line, name)) found = 1;
    }
    fclose(f);
    return found;
}

int main(void) {
    volatile int local = 1;
    uintptr_t stack = (uintptr_t) &local;
    /* The raw call: musl's sbrk refuses any increment. */
    uintptr_t brk0 = (uintptr_t) syscall(SYS_brk, 0);
    check((uintptr_t) syscall(SYS_brk, brk0 + 4096) == brk0 + 4096, "the break moves up a page");
    void *m = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    check(m != MAP_FAILED, "an anonymous mmap");
    check(maps_has(stack, "[stack]", 0), "/proc/self/maps: [stack] holds a local variable");
    check(maps_has(brk0, "[heap]", 0), "/proc/self/maps: [heap] holds the old break");
    check(maps_has((uintptr_t) m, NULL, 0), "/proc/self/maps: the mapping is listed");
    printf("stack 0x%lx\nmmap 0x%lx\nbrk 0x%lx\n", (unsigned long) stack, (unsigned long) m, (unsigned long) brk0);
    return failures ? 1 : 0;
}
