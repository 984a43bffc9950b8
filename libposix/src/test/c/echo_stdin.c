/* Copies stdin to stdout with read/write, then reports the byte count on stderr. */
#include <stdio.h>
#include <unistd.h>
int main(void) {
    char buf[10000];
    long n, total = 0;
    while ((n = read(0, buf, sizeof buf)) > 0) {
        if (write(1, buf, n) != n) return 2;
        total += n;
    }
    fprintf(stderr, "%ld bytes\n", total);
    return n < 0 ? 3 : 0;
}
