/*
 * Resource limits and madvise: RLIMIT_AS makes an mmap, a brk and an mremap that would pass it fail with
 * ENOMEM; RLIMIT_NPROC stops a fork bomb of a non-root user with EAGAIN (checked in a child that drops to
 * uid 1000 first); root ignores RLIMIT_NPROC; MADV_DONTNEED makes private anonymous pages read back as
 * zeros and leaves shared ones; MADV_DONTFORK leaves a page out of a child, MADV_DOFORK puts it back;
 * madvise's errors (EINVAL, ENOMEM) are Linux's.
 * Exo-only: qemu-riscv64 ignores RLIMIT_AS (it would starve the emulator), counts its own threads against
 * RLIMIT_NPROC, and answers 0 to any madvise.
 * Exit status: 0 when every check passes, 1 otherwise.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include "../check.h"

#define PAGE 4096
#define MIB (1024L * 1024)

static int exit_code(pid_t pid) {
    int status;
    if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status)) return -1;
    return WEXITSTATUS(status);
}

/* In a child: limit the address space, then see large requests fail. Exit code: 0, or which step failed. */
static int address_space_child(void) {
    struct rlimit rl = {256 * MIB, 256 * MIB};
    if (setrlimit(RLIMIT_AS, &rl) != 0) return 10;
    errno = 0;
    void *big = mmap(NULL, 512 * MIB, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (big != MAP_FAILED || errno != ENOMEM) return 11;
    errno = 0;
    void *none = mmap(NULL, 512 * MIB, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (none != MAP_FAILED || errno != ENOMEM) return 12; /* RLIMIT_AS counts reservations too */
    void *small = mmap(NULL, 16 * MIB, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (small == MAP_FAILED) return 13;
    errno = 0;
    void *grown = mremap(small, 16 * MIB, 512 * MIB, MREMAP_MAYMOVE);
    if (grown != MAP_FAILED || errno != ENOMEM) return 14;
    void *start = sbrk(0);
    errno = 0;
    if (sbrk(512 * MIB) != (void *) -1 || errno != ENOMEM) return 15;
    if (sbrk(0) != start) return 16;
    return 0;
}

/* In a child running as uid 1000: fork until EAGAIN. Exit code: 0 when EAGAIN came within the limit. */
static int fork_bomb_child(void) {
    if (setresgid(1000, 1000, 1000) != 0 || setresuid(1000, 1000, 1000) != 0) return 20;
    struct rlimit rl = {8, 8};
    if (setrlimit(RLIMIT_NPROC, &rl) != 0) return 21;
    int forked = 0, result = 22;
    pid_t kids[64];
    while (forked < 64) {
        pid_t pid = fork();
        if (pid == 0) {
            pause(); /* stays alive until killed */
            _exit(0);
        }
        if (pid < 0) {
            result = errno == EAGAIN ? 0 : 23;
            break;
        }
        kids[forked++] = pid;
    }
    for (int i = 0; i < forked; i++) kill(kids[i], SIGKILL);
    for (int i = 0; i < forked; i++) waitpid(kids[i], NULL, 0);
    if (forked >= 8) return 24; /* the limit counts this process too */
    return result;
}

int main(void) {
    puts("-- RLIMIT_AS");
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) _exit(address_space_child());
    int code = exit_code(pid);
    if (code != 0) printf("address space step %d\n", code);
    check(code == 0, "mmap, mremap and brk past RLIMIT_AS fail with ENOMEM");

    puts("-- RLIMIT_NPROC");
    fflush(stdout);
    pid = fork();
    if (pid == 0) _exit(fork_bomb_child());
    code = exit_code(pid);
    if (code != 0) printf("fork bomb step %d\n", code);
    check(code == 0, "a fork bomb of uid 1000 under RLIMIT_NPROC gets EAGAIN");
    struct rlimit one = {1, 1}, saved;
    getrlimit(RLIMIT_NPROC, &saved);
    check(setrlimit(RLIMIT_NPROC, &one) == 0, "root sets RLIMIT_NPROC to 1");
    fflush(stdout);
    pid = fork();
    if (pid == 0) _exit(0);
    check(pid > 0 && exit_code(pid) == 0, "root still forks");
    setrlimit(RLIMIT_NPROC, &saved);

    puts("-- madvise");
    char *p = mmap(NULL, 4 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    char *s = mmap(NULL, PAGE, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    check(p != MAP_FAILED && s != MAP_FAILED, "private and shared anonymous mappings");
    if (p == MAP_FAILED || s == MAP_FAILED) return 1;
    memset(p, 5, 4 * PAGE);
    memset(s, 6, PAGE);
    check(madvise(p + PAGE, 2 * PAGE, MADV_DONTNEED) == 0, "MADV_DONTNEED of two private pages");
    check(p[PAGE] == 0 && p[3 * PAGE - 1] == 0, "they read back as zeros");
    check(p[0] == 5 && p[3 * PAGE] == 5, "their neighbours keep their bytes");
    check(madvise(s, PAGE, MADV_DONTNEED) == 0 && s[0] == 6, "a shared page keeps its bytes");
    check(madvise(p, 4 * PAGE, MADV_WILLNEED) == 0 && madvise(p, 4 * PAGE, MADV_SEQUENTIAL) == 0
          && madvise(p, 4 * PAGE, MADV_RANDOM) == 0 && madvise(p, 4 * PAGE, MADV_NORMAL) == 0, "hints are accepted");
    errno = 0;
    check(madvise(p + 1, PAGE, MADV_DONTNEED) == -1 && errno == EINVAL, "an unaligned address is EINVAL");
    errno = 0;
    check(madvise(p, PAGE, 999) == -1 && errno == EINVAL, "unknown advice is EINVAL");
    check(madvise(p + 3 * PAGE, PAGE, MADV_DONTFORK) == 0, "MADV_DONTFORK of a page");
    fflush(stdout);
    pid = fork();
    if (pid == 0) {
        volatile char kept = p[0]; /* the rest of the mapping is there */
        (void) kept;
        p[3 * PAGE] = 1; /* the DONTFORK page is not: this store kills the child */
        _exit(0);
    }
    int status = 0;
    check(waitpid(pid, &status, 0) == pid && WIFSIGNALED(status) && WTERMSIG(status) == SIGSEGV,
          "the child has no MADV_DONTFORK page (SIGSEGV)");
    check(madvise(p + 3 * PAGE, PAGE, MADV_DOFORK) == 0, "MADV_DOFORK undoes it");
    fflush(stdout);
    pid = fork();
    if (pid == 0) _exit(p[3 * PAGE] == 5 ? 0 : 1);
    check(exit_code(pid) == 0, "the child sees the page again");
    munmap(p + PAGE, PAGE);
    errno = 0;
    check(madvise(p, 4 * PAGE, MADV_DONTNEED) == -1 && errno == ENOMEM, "a range with a hole is ENOMEM");
    check(p[0] == 0 && p[3 * PAGE] == 0, "the mapped parts were still advised");
    printf("failures=%d\n", failures);
    return failures ? 1 : 0;
}
