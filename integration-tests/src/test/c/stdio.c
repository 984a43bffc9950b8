/*
 * Reads stdin to end of file and writes a transformed copy to stdout: each line numbered, letters
 * upper-cased, control and non-ASCII bytes shown as \xNN. Ends with byte/line counts and a
 * checksum on stdout, and a summary on stderr. Reads go through both fread (buffered) and, for
 * the tail, read(2) on fd 0, which must then keep returning 0.
 * Exit status: 0, or 3 if a read or write reported an error.
 */
#include <ctype.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static unsigned long line_no = 1, bytes_in;
static uint32_t checksum = 2166136261u;
static int at_line_start = 1, errors;

static void emit(unsigned char c) {
    bytes_in++;
    checksum = (checksum ^ c) * 16777619u;
    if (at_line_start) {
        printf("%5lu| ", line_no);
        at_line_start = 0;
    }
    if (c == '\n') {
        putchar('\n');
        line_no++;
        at_line_start = 1;
    } else if (c >= 0x20 && c < 0x7f) {
        putchar(toupper(c));
    } else {
        printf("\\x%02x", c);
    }
}

int main(void) {
    unsigned char buf[1000];
    size_t n;
    /* fread until end of file, in odd-sized chunks so records straddle buffer boundaries. */
    while ((n = fread(buf, 1, sizeof buf - 7, stdin)) > 0)
        for (size_t i = 0; i < n; i++) emit(buf[i]);
    if (ferror(stdin)) {
        fprintf(stderr, "stdio: fread failed: %s\n", strerror(errno));
        errors++;
    }
    /* At end of file read(2) keeps returning 0. */
    for (int i = 0; i < 3; i++) {
        ssize_t r = read(0, buf, sizeof buf);
        if (r != 0) {
            printf("read after EOF returned %zd\n", r);
            errors++;
        }
    }
    if (!at_line_start) putchar('\n');
    printf("bytes=%lu lines=%lu checksum=%08x\n", bytes_in, line_no - 1 + !at_line_start, checksum);
    fprintf(stderr, "stdio: read %lu bytes\n", bytes_in);
    if (fflush(stdout) != 0) {
        fprintf(stderr, "stdio: fflush failed: %s\n", strerror(errno));
        errors++;
    }
    return errors ? 3 : 0;
}
