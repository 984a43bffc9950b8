/*
 * Dies of SIGABRT after a line on stdout: the parent must see status 128+6 (134), and the line
 * must have reached stdout first.
 */
#include <stdio.h>
#include <stdlib.h>

int main(void) {
    printf("about to abort\n");
    fflush(stdout);
    abort();
}
