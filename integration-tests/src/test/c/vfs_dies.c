/*
 * The client side of "a server killed with kill -9 turns in-flight syscalls into EIO".
 *
 * With no arguments (how the qemu/exo comparison runs every program) it reads one byte of /dev/zero and exits 0.
 * With "until-eio" it prints "ready", then reads /dev/zero a byte at a time until a read fails: the test kills the
 * vfs server process meanwhile. It then reports that read's errno and the errno of a fresh open("/dev/null"), and
 * exits 0 only if both are EIO. Sixty seconds without a failure ends the loop, so it can never hang a test.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define GIVE_UP_SECONDS 60
#define READS_PER_CLOCK_CHECK 1024

static long seconds_now(void) {
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (long)now.tv_sec;
}

int main(int argc, char **argv) {
    char byte = 1;
    int fd = open("/dev/zero", O_RDONLY);
    if (fd < 0) {
        printf("open /dev/zero failed: errno=%d\n", errno);
        return 1;
    }
    if (argc < 2 || strcmp(argv[1], "until-eio") != 0) {
        ssize_t n = read(fd, &byte, 1);
        printf("read %zd byte(s) of /dev/zero: %d\n", n, byte);
        return n == 1 && byte == 0 ? 0 : 1;
    }

    printf("ready\n");
    fflush(stdout);
    long deadline = seconds_now() + GIVE_UP_SECONDS;
    int read_errno = 0;
    for (unsigned long reads = 0;; reads++) {
        if (read(fd, &byte, 1) != 1) {
            read_errno = errno;
            break;
        }
        if (reads % READS_PER_CLOCK_CHECK == 0 && seconds_now() > deadline) {
            printf("no read failed within %d s\n", GIVE_UP_SECONDS);
            return 1;
        }
    }
    printf("read failed: errno=%d\n", read_errno);
    fflush(stdout);

    int open_errno = open("/dev/null", O_RDONLY) < 0 ? errno : 0;
    printf("open /dev/null after: errno=%d\n", open_errno);
    return read_errno == EIO && open_errno == EIO ? 0 : 1;
}
