/* check.h: the pass/fail reporting shared by the test programs. Each check prints one line, so the output
 * compares byte for byte between Exo-OS and qemu-riscv64; main returns failures != 0. */
#ifndef EXO_TEST_CHECK_H
#define EXO_TEST_CHECK_H

#include <errno.h>
#include <stdio.h>

static int failures;

/* A failed check also shows errno as it was right after the call, to tell ENOSYS from a wrong result. */
static void check(int ok, const char *what) {
    int saved = errno;
    printf("%s: %s\n", what, ok ? "yes" : "no");
    if (!ok) {
        printf("FAIL %s (errno %d)\n", what, saved);
        failures++;
    }
}

#endif
