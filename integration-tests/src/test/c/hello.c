/* The smallest program: one line on stdout through stdio, exit status 0. */
#include <stdio.h>

int main(void) {
    printf("Hello, Exo-OS!\n");
    return 0;
}
