/*
 * Shared file mappings: a file mapped MAP_SHARED before a fork is one memory for parent and child (stores are
 * seen both ways), a second open and mmap of the file (in this process and in a child that maps it itself)
 * sees the same bytes, msync(MS_SYNC) makes stores visible to read(2), the last munmap writes back, a mapping
 * never extends the file, MAP_PRIVATE sees the file until its first store, and the errors EACCES (shared and
 * writable on an O_RDONLY fd, mprotect adding PROT_WRITE to one), EINVAL and ENOMEM (msync) come back as in
 * Linux. Works in a fresh directory under the working directory.
 * Exit status: 0 when every check passes, 1 otherwise.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "check.h"

#define PAGE 4096
#define SIZE 10000
#define LENGTH (3 * PAGE)

static unsigned char pattern(long i) { return (unsigned char) (i * 13 + i / 509); }

static int fails_with(void *p, int expected_errno) { return p == MAP_FAILED && errno == expected_errno; }

static int exit_code(pid_t pid) {
    int status;
    if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status)) return -1;
    return WEXITSTATUS(status);
}

static char file_byte(int fd, off_t at) {
    char c = 0;
    return pread(fd, &c, 1, at) == 1 ? c : -1;
}

int main(void) {
    char dir[] = "mmap_shared.XXXXXX";
    if (!mkdtemp(dir) || chdir(dir) != 0) {
        perror("mkdtemp");
        return 1;
    }
    static unsigned char data[SIZE];
    for (long i = 0; i < SIZE; i++) data[i] = pattern(i);
    int fd = open("f", O_CREAT | O_RDWR | O_TRUNC, 0644);
    check(fd >= 0 && write(fd, data, SIZE) == SIZE, "wrote a 10000-byte file");

    volatile char *p = mmap(NULL, LENGTH, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    check(p != MAP_FAILED, "MAP_SHARED of an O_RDWR file");
    if (p == MAP_FAILED) return 1;
    check(memcmp((const void *) p, data, SIZE) == 0, "the mapping holds the file's bytes");
    check(p[SIZE] == 0 && p[LENGTH - 1] == 0, "the rest of the last page is zero");

    puts("-- across fork");
    int to_child[2], to_parent[2];
    check(pipe(to_child) == 0 && pipe(to_parent) == 0, "pipes");
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        char go;
        p[0] = 'C';
        if (write(to_parent[1], "c", 1) != 1) _exit(10);
        if (read(to_child[0], &go, 1) != 1) _exit(11);
        _exit(p[PAGE] == 'P' ? 0 : 12); /* the parent's store, seen here */
    }
    char got = 0;
    check(read(to_parent[0], &got, 1) == 1, "the child stored");
    check(p[0] == 'C', "the child's store is seen by the parent");
    p[PAGE] = 'P';
    check(write(to_child[1], "p", 1) == 1, "the parent stored");
    check(exit_code(pid) == 0, "the parent's store is seen by the child");

    puts("-- a second mapping of the file");
    int fd2 = open("f", O_RDWR);
    volatile char *q = mmap(NULL, LENGTH, PROT_READ | PROT_WRITE, MAP_SHARED, fd2, 0);
    check(q != MAP_FAILED, "a second open and MAP_SHARED");
    if (q == MAP_FAILED) return 1;
    check(q[0] == 'C' && q[PAGE] == 'P', "it sees both stores");
    q[100] = 'Q';
    check(p[100] == 'Q', "a store through it is seen through the first");
    check(close(fd2) == 0, "the mapping outlives its fd");
    q[101] = 'R';
    check(p[101] == 'R', "stores after close are still shared");

    fflush(stdout);
    pid = fork();
    if (pid == 0) { /* a process that maps the file on its own */
        int own = open("f", O_RDWR);
        volatile char *m = mmap(NULL, PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, own, 0);
        if (m == MAP_FAILED) _exit(20);
        if (m[0] != 'C' || m[100] != 'Q' || m[101] != 'R') _exit(21);
        m[102] = 'S';
        _exit(0);
    }
    check(exit_code(pid) == 0, "a child mapping the file itself sees the stores");
    check(p[102] == 'S', "and its store is seen here");

    puts("-- write-back");
    check(msync((void *) p, LENGTH, MS_SYNC) == 0, "msync(MS_SYNC)");
    check(file_byte(fd, 0) == 'C' && file_byte(fd, PAGE) == 'P' && file_byte(fd, 102) == 'S',
          "read(2) after msync sees the stores");
    p[SIZE + 5] = 'Z';
    check(msync((void *) p, LENGTH, MS_ASYNC) == 0, "msync(MS_ASYNC)");
    struct stat st;
    check(fstat(fd, &st) == 0 && st.st_size == SIZE, "a store past the end does not extend the file");
    p[200] = 'M';
    check(munmap((void *) q, LENGTH) == 0 && munmap((void *) p, LENGTH) == 0, "munmap of both mappings");
    check(file_byte(fd, 200) == 'M', "read(2) after the last munmap sees the store");

    puts("-- private mappings of the file");
    volatile char *r = mmap(NULL, PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
    check(r != MAP_FAILED && r[0] == 'C' && r[200] == 'M', "MAP_PRIVATE sees the written-back bytes");
    if (r == MAP_FAILED) return 1;
    r[0] = 'x';
    check(file_byte(fd, 0) == 'C', "a private store does not reach the file");
    check(madvise((void *) r, PAGE, MADV_DONTNEED) == 0 && r[0] == 'C', "MADV_DONTNEED reverts it to the file");
    munmap((void *) r, PAGE);

    puts("-- errors");
    int ro = open("f", O_RDONLY);
    check(fails_with(mmap(NULL, PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, ro, 0), EACCES),
          "MAP_SHARED|PROT_WRITE of an O_RDONLY fd is EACCES");
    void *rp = mmap(NULL, PAGE, PROT_READ, MAP_SHARED, ro, 0);
    check(rp != MAP_FAILED, "MAP_SHARED|PROT_READ of an O_RDONLY fd");
    errno = 0;
    check(mprotect(rp, PAGE, PROT_READ | PROT_WRITE) == -1 && errno == EACCES, "mprotect adding PROT_WRITE is EACCES");
    check(((volatile char *) rp)[0] == 'C', "it reads the file");
    errno = 0;
    check(msync((char *) rp + 1, PAGE, MS_SYNC) == -1 && errno == EINVAL, "msync of an unaligned address is EINVAL");
    errno = 0;
    check(msync(rp, PAGE, MS_SYNC | MS_ASYNC) == -1 && errno == EINVAL, "msync with MS_SYNC|MS_ASYNC is EINVAL");
    errno = 0;
    check(msync(rp, PAGE, 0x100) == -1 && errno == EINVAL, "msync with an unknown flag is EINVAL");
    munmap(rp, PAGE);
    errno = 0;
    check(msync(rp, PAGE, MS_SYNC) == -1 && errno == ENOMEM, "msync of an unmapped range is ENOMEM");
    close(ro);

    puts("-- shared anonymous memory and /dev/zero");
    volatile int *anon = mmap(NULL, PAGE, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    int zfd = open("/dev/zero", O_RDWR);
    volatile int *zero = mmap(NULL, PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, zfd, 0);
    check(anon != MAP_FAILED && zero != MAP_FAILED, "MAP_SHARED|MAP_ANONYMOUS and MAP_SHARED of /dev/zero");
    if (anon == MAP_FAILED || zero == MAP_FAILED) return 1;
    fflush(stdout);
    pid = fork();
    if (pid == 0) {
        anon[1] = 41;
        zero[1] = 42;
        _exit(0);
    }
    check(exit_code(pid) == 0 && anon[1] == 41 && zero[1] == 42, "a child's stores to both are seen");

    close(fd);
    unlink("f");
    check(chdir("..") == 0 && rmdir(dir) == 0, "cleaned up");
    printf("failures=%d\n", failures);
    return failures ? 1 : 0;
}
