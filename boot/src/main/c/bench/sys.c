/*
 * bench sys: the cost of a syscall the kernel answers itself (getpid) and of one that leaves the kernel
 * as a request to the vfs server (a 1-byte read of /dev/zero), timed inside the guest with
 * clock_gettime(CLOCK_MONOTONIC), which Exo-OS serves from the host's monotonic clock.
 *
 *   sys [GETPIDS [READS]]     defaults 200000 and 50000
 *
 * The reads are timed after as many untimed ones: a server in a JVM of its own starts cold with each run,
 * and this lets its JIT reach the steady state the figure is about.
 *
 * Prints "getpid_ns=N vfs_read_ns=N" (nanoseconds per call, loop included) and exits 0, or a line
 * on stderr and exit 1 if a call fails.
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

static long long now_ns(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (long long) t.tv_sec * 1000000000LL + t.tv_nsec;
}

int main(int argc, char **argv) {
    long getpids = argc > 1 ? atol(argv[1]) : 200000;
    long reads = argc > 2 ? atol(argv[2]) : 50000;
    long pid = syscall(SYS_getpid); /* the raw call: no libc caching */
    long long start = now_ns();
    for (long i = 0; i < getpids; i++) {
        if (syscall(SYS_getpid) != pid) {
            fprintf(stderr, "getpid changed\n");
            return 1;
        }
    }
    long long getpid_total = now_ns() - start;

    int fd = open("/dev/zero", O_RDONLY);
    if (fd < 0) {
        perror("open /dev/zero");
        return 1;
    }
    char byte = 1;
    for (long i = 0; i < reads; i++) {
        if (read(fd, &byte, 1) != 1) {
            perror("read /dev/zero");
            return 1;
        }
    }
    byte = 1;
    start = now_ns();
    for (long i = 0; i < reads; i++) {
        if (read(fd, &byte, 1) != 1 || byte != 0) {
            perror("read /dev/zero");
            return 1;
        }
    }
    long long read_total = now_ns() - start;
    close(fd);
    printf("getpid_ns=%.1f vfs_read_ns=%.1f\n", (double) getpid_total / getpids, (double) read_total / reads);
    return 0;
}
