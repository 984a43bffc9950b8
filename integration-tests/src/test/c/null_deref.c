/*
 * Dereferences NULL after a line on stdout: the default action of SIGSEGV ends the process, so the parent
 * sees status 128+11 (139), and the line must have reached stdout first.
 */
#include <stdio.h>

int main(void) {
    printf("about to dereference NULL\n");
    fflush(stdout);
    volatile int *null = (volatile int *) 0;
    return *null;
}
