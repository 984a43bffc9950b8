/*
 * Private file mappings: a file written with write(2) is mapped MAP_PRIVATE at offsets 0 and 4096 and read
 * through memory; writes to a private mapping stay private (the file is unchanged); /dev/zero maps as zeros;
 * the errors EBADF, EACCES (a write-only fd), ENODEV (a directory, a pipe) and EINVAL (an unaligned offset)
 * come back as Linux gives them. Past the file's end: the rest of the last page reads as zeros and a page
 * wholly past it raises SIGBUS (BUS_ADRERR, si_addr the address), private or shared.
 * Works in a fresh directory under the working directory.
 * Exit status: 0 when every check passes, 1 otherwise.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check.h"

#define SIZE 10000

static int fails_with(void *p, int expected_errno) { return p == MAP_FAILED && errno == expected_errno; }

static unsigned char pattern(long i) { return (unsigned char) (i * 7 + i / 251); }

static sigjmp_buf bus_jump;
static volatile int bus_code;
static void *volatile bus_addr;

static void on_bus(int sig, siginfo_t *si, void *uc) {
    (void) sig; (void) uc;
    bus_code = si->si_code;
    bus_addr = si->si_addr;
    siglongjmp(bus_jump, 1);
}

/* Reads (or writes) *p; 1 when that raised SIGBUS with BUS_ADRERR at p, 0 when it did not, -1 otherwise. */
static int bus_error_at(volatile unsigned char *p, int write) {
    struct sigaction sa = {0}, old;
    sa.sa_sigaction = on_bus;
    sa.sa_flags = SA_SIGINFO;
    sigaction(SIGBUS, &sa, &old);
    int r = 0;
    bus_code = 0;
    bus_addr = NULL;
    if (sigsetjmp(bus_jump, 1) == 0) {
        if (write) *p = 1; else (void) *p;
    } else {
        r = bus_code == BUS_ADRERR && bus_addr == (void *) p ? 1 : -1;
    }
    sigaction(SIGBUS, &old, NULL);
    return r;
}

/* Stores through a shared mapping reach read(2) after sync(2) (and syncfs); on Linux they are there at once. */
static void sync_writes_back(void) {
    int fd = open("synced", O_CREAT | O_RDWR | O_TRUNC, 0644);
    check(fd >= 0 && ftruncate(fd, 4096) == 0, "a 4096-byte file for sync");
    char *m = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    check(m != MAP_FAILED, "mapped shared");
    if (m != MAP_FAILED) {
        memcpy(m + 100, "synced!", 7);
        sync();
        char got[8] = {0};
        check(pread(fd, got, 7, 100) == 7 && memcmp(got, "synced!", 7) == 0, "after sync(), read(2) sees the stores");
        memcpy(m + 200, "again", 5);
        check(syncfs(fd) == 0, "syncfs on the file's fd");
        check(pread(fd, got, 5, 200) == 5 && memcmp(got, "again", 5) == 0, "after syncfs(), read(2) sees them too");
        munmap(m, 4096);
    }
    errno = 0;
    check(syncfs(99) == -1 && errno == EBADF, "syncfs of a closed fd is EBADF");
    close(fd);
    unlink("synced");
}

/* A 100-byte file mapped over three pages: zeros to the end of the first, SIGBUS beyond it. */
static void past_the_end(int flags, const char *kind) {
    int fd = open("short", O_CREAT | O_RDWR | O_TRUNC, 0644);
    check(fd >= 0 && write(fd, "0123456789", 10) == 10 && ftruncate(fd, 100) == 0, "a 100-byte file");
    unsigned char *m = mmap(NULL, 3 * 4096, PROT_READ | PROT_WRITE, flags, fd, 0);
    char what[96];
    snprintf(what, sizeof what, "%s: mapped three pages of it", kind);
    check(m != MAP_FAILED, what);
    if (m != MAP_FAILED) {
        snprintf(what, sizeof what, "%s: its last page reads as zeros past the end", kind);
        check(m[0] == '0' && m[99] == 0 && m[100] == 0 && m[4095] == 0, what);
        snprintf(what, sizeof what, "%s: a read of the next page raises SIGBUS (BUS_ADRERR) there", kind);
        check(bus_error_at(m + 4096 + 17, 0) == 1, what);
        snprintf(what, sizeof what, "%s: so does a write two pages on", kind);
        check(bus_error_at(m + 2 * 4096, 1) == 1, what);
        snprintf(what, sizeof what, "%s: once the file grows, the page is there", kind);
        check(ftruncate(fd, 4096 + 100) == 0 && bus_error_at(m + 4096 + 17, 0) == 0 && m[4096 + 17] == 0, what);
        munmap(m, 3 * 4096);
    }
    close(fd);
    unlink("short");
}

int main(void) {
    char dir[] = "mmap_file.XXXXXX";
    if (!mkdtemp(dir)) {
        perror("mkdtemp");
        return 1;
    }
    if (chdir(dir) != 0) {
        perror("chdir");
        return 1;
    }
    static unsigned char data[SIZE];
    for (long i = 0; i < SIZE; i++) data[i] = pattern(i);
    int fd = open("f", O_CREAT | O_RDWR | O_TRUNC, 0644);
    check(fd >= 0 && write(fd, data, SIZE) == SIZE, "wrote a 10000-byte file");

    unsigned char *p = mmap(NULL, SIZE, PROT_READ, MAP_PRIVATE, fd, 0);
    check(p != MAP_FAILED, "mmap PROT_READ MAP_PRIVATE at offset 0");
    if (p != MAP_FAILED) {
        check(memcmp(p, data, SIZE) == 0, "the mapping holds the file's bytes");
        unsigned char tail = 1;
        for (long i = SIZE; i < 12288; i++) tail &= p[i] == 0;
        check(tail, "the rest of the last page reads as zeros");
        check(munmap(p, SIZE) == 0, "munmap");
    }

    unsigned char *q = mmap(NULL, 8192, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 4096);
    check(q != MAP_FAILED, "mmap PROT_READ|PROT_WRITE MAP_PRIVATE at offset 4096");
    if (q != MAP_FAILED) {
        check(memcmp(q, data + 4096, SIZE - 4096) == 0, "it starts at the file's byte 4096");
        memset(q, 'X', 100);
        check(q[0] == 'X' && q[99] == 'X' && q[100] == data[4196], "a write changes the mapping");
        unsigned char back[100];
        check(pread(fd, back, 100, 4096) == 100 && memcmp(back, data + 4096, 100) == 0,
              "and not the file (the mapping is private)");
        check(munmap(q, 8192) == 0, "munmap the second mapping");
    }

    int zero = open("/dev/zero", O_RDONLY);
    unsigned char *z = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE, zero, 0);
    check(z != MAP_FAILED && z[0] == 0 && z[4095] == 0, "a private mapping of /dev/zero is zeros");
    if (z != MAP_FAILED) {
        z[10] = 5;
        check(z[10] == 5, "and writable");
        munmap(z, 4096);
    }
    close(zero);

    check(fails_with(mmap(NULL, 4096, PROT_READ, MAP_PRIVATE, 99, 0), EBADF), "a closed fd is EBADF");
    check(fails_with(mmap(NULL, 4096, PROT_READ, MAP_PRIVATE, fd, 100), EINVAL), "an unaligned offset is EINVAL");
    int wo = open("f", O_WRONLY);
    check(fails_with(mmap(NULL, 4096, PROT_READ, MAP_PRIVATE, wo, 0), EACCES), "a write-only fd is EACCES");
    close(wo);
    int d = open(".", O_RDONLY | O_DIRECTORY);
    check(fails_with(mmap(NULL, 4096, PROT_READ, MAP_PRIVATE, d, 0), ENODEV), "a directory is ENODEV");
    close(d);
    int pipefd[2];
    check(pipe(pipefd) == 0, "pipe");
    check(fails_with(mmap(NULL, 4096, PROT_READ, MAP_PRIVATE, pipefd[0], 0), ENODEV), "a pipe is ENODEV");
    close(pipefd[0]);
    close(pipefd[1]);

    close(fd);
    unlink("f");
    sync_writes_back();
    past_the_end(MAP_PRIVATE, "private");
    past_the_end(MAP_SHARED, "shared");
    if (chdir("..") != 0 || rmdir(dir) != 0) {
        perror("cleanup");
        return 1;
    }
    return failures != 0;
}
