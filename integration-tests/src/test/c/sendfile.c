/* sendfile: copies between open files as Linux does: from the input's position (advancing it) or from
 * *offset (leaving the position and updating *offset), stopping at the end of the input, into a file or a
 * pipe; bad descriptors, an O_APPEND output and a negative offset fail as on Linux. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/sendfile.h>
#include <sys/stat.h>
#include <unistd.h>
#include "check.h"

static char big[200000];

int main(void) {
    char dir[] = "sendfile.XXXXXX";
    check(mkdtemp(dir) != NULL, "temporary directory");
    check(chdir(dir) == 0, "chdir");
    for (size_t i = 0; i < sizeof big; i++) big[i] = (char) ('a' + i % 26);
    int in = open("in", O_RDWR | O_CREAT | O_TRUNC, 0644);
    check(in >= 0 && write(in, big, sizeof big) == (ssize_t) sizeof big, "input of 200000 bytes");
    lseek(in, 0, SEEK_SET);

    /* from the position: all of it, in one call larger than the copy buffer */
    int out = open("out", O_RDWR | O_CREAT | O_TRUNC, 0644);
    ssize_t n = sendfile(out, in, NULL, sizeof big + 1000);
    printf("whole file: %zd\n", n);
    printf("input position after: %ld\n", (long) lseek(in, 0, SEEK_CUR));
    printf("output position after: %ld\n", (long) lseek(out, 0, SEEK_CUR));
    printf("at the end: %zd\n", sendfile(out, in, NULL, 10));
    char *back = malloc(sizeof big);
    check(pread(out, back, sizeof big, 0) == (ssize_t) sizeof big && memcmp(back, big, sizeof big) == 0,
          "the copy is the same bytes");

    /* from an offset: the position stays, the offset moves */
    lseek(in, 7, SEEK_SET);
    off_t offset = 100;
    ftruncate(out, 0);
    lseek(out, 0, SEEK_SET);
    n = sendfile(out, in, &offset, 26);
    printf("with offset: %zd, offset now %ld, position still %ld\n", n, (long) offset, (long) lseek(in, 0, SEEK_CUR));
    char text[64] = {0};
    pread(out, text, 26, 0);
    printf("bytes: %s\n", text);
    offset = sizeof big - 5;
    n = sendfile(out, in, &offset, 100);
    printf("near the end: %zd, offset %ld\n", n, (long) offset);
    printf("count 0: %zd\n", sendfile(out, in, NULL, 0));

    /* into a pipe */
    int p[2];
    check(pipe(p) == 0, "pipe");
    offset = 0;
    n = sendfile(p[1], in, &offset, 30);
    memset(text, 0, sizeof text);
    ssize_t got = n > 0 ? read(p[0], text, sizeof text) : -1; /* a failed sendfile must not block here */
    printf("into a pipe: %zd, read back %zd: %.30s\n", n, got, text);

    /* errors */
    errno = 0;
    printf("bad out fd: %zd errno %s\n", sendfile(99, in, NULL, 1), strerror(errno));
    errno = 0;
    printf("bad in fd: %zd errno %s\n", sendfile(out, 99, NULL, 1), strerror(errno));
    int wronly = open("in", O_WRONLY);
    errno = 0;
    printf("write-only input: %zd errno %s\n", sendfile(out, wronly, NULL, 1), strerror(errno));
    int rdonly = open("out", O_RDONLY);
    errno = 0;
    printf("read-only output: %zd errno %s\n", sendfile(rdonly, in, NULL, 1), strerror(errno));
    int append = open("out", O_WRONLY | O_APPEND);
    errno = 0;
    printf("append output: %zd errno %s\n", sendfile(append, in, NULL, 1), strerror(errno));
    offset = -1;
    errno = 0;
    printf("negative offset: %zd errno %s\n", sendfile(out, in, &offset, 1), strerror(errno));
    errno = 0;
    printf("pipe input with offset: %zd errno %s\n", sendfile(out, p[0], &offset, 1), strerror(errno));

    close(in); close(out); close(p[0]); close(p[1]); close(wronly); close(rdonly); close(append);
    unlink("in");
    unlink("out");
    chdir("..");
    check(rmdir(dir) == 0, "clean up");
    return failures != 0;
}
