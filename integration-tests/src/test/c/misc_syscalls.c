/*
 * The small system calls every libc start-up or utility touches: uname, getrandom, the clocks
 * (monotonic never goes back, realtime is plausible, gettimeofday agrees, nanosleep advances),
 * process and user ids, set_tid_address, umask, ioctl(TCGETS) on a non-terminal, prlimit64, and
 * readlink("/proc/self/exe"). Prints facts, never values that differ between runs or hosts.
 * Exit status: 0 when every check passes, 1 otherwise.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <sched.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/random.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/utsname.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include "check.h"



static int64_t ns(struct timespec t) { return (int64_t)t.tv_sec * 1000000000 + t.tv_nsec; }

static void with_uname(void) {
    puts("-- uname");
    struct utsname u;
    check(uname(&u) == 0, "uname succeeds");
    printf("sysname=%s machine=%s\n", u.sysname, u.machine);
    check(strcmp(u.sysname, "Linux") == 0, "sysname is Linux");
    check(strcmp(u.machine, "riscv64") == 0, "machine is riscv64");
    check(u.release[0] != 0, "release is non-empty");
    check(u.nodename[0] != 0, "nodename is non-empty");
}

static void with_getrandom(void) {
    puts("-- getrandom");
    unsigned char a[64], b[64];
    check(getrandom(a, sizeof a, 0) == (ssize_t)sizeof a, "getrandom(64) returns 64");
    check(getrandom(b, sizeof b, GRND_NONBLOCK) == (ssize_t)sizeof b, "getrandom(64, GRND_NONBLOCK) returns 64");
    check(memcmp(a, b, sizeof a) != 0, "two draws differ");
    check(getrandom(a, 0, 0) == 0, "getrandom(0) returns 0");
    errno = 0;
    check(syscall(SYS_getrandom, a, 8, 0x40000000) == -1 && errno == EINVAL, "unknown flags fail with EINVAL");
    errno = 0;
    check(syscall(SYS_getrandom, (void *)8, 8, 0) == -1 && errno == EFAULT, "a bad buffer fails with EFAULT");
}

static void with_clocks(void) {
    puts("-- clocks");
    struct timespec prev, now;
    check(clock_gettime(CLOCK_MONOTONIC, &prev) == 0, "clock_gettime(CLOCK_MONOTONIC) succeeds");
    int monotonic = 1;
    for (int i = 0; i < 10000; i++) {
        clock_gettime(CLOCK_MONOTONIC, &now);
        monotonic &= ns(now) >= ns(prev);
        prev = now;
    }
    check(monotonic, "CLOCK_MONOTONIC never goes back over 10000 reads");
    check(now.tv_nsec >= 0 && now.tv_nsec < 1000000000, "tv_nsec is in [0, 1e9)");
    struct timespec real;
    check(clock_gettime(CLOCK_REALTIME, &real) == 0, "clock_gettime(CLOCK_REALTIME) succeeds");
    check(real.tv_sec > 1577836800, "CLOCK_REALTIME is after 2020-01-01");
    struct timeval tv;
    check(gettimeofday(&tv, NULL) == 0, "gettimeofday succeeds");
    check(tv.tv_usec >= 0 && tv.tv_usec < 1000000, "tv_usec is in [0, 1e6)");
    int64_t diff = (int64_t)tv.tv_sec - real.tv_sec;
    check(diff >= 0 && diff <= 5, "gettimeofday agrees with CLOCK_REALTIME");
    time_t t = time(NULL);
    check(t >= real.tv_sec && t - real.tv_sec <= 5, "time() agrees with CLOCK_REALTIME");
    struct timespec res;
    check(clock_getres(CLOCK_MONOTONIC, &res) == 0 && ns(res) > 0 && ns(res) <= 1000000,
          "CLOCK_MONOTONIC resolution is in (0, 1 ms]");
    struct timespec cpu;
    check(clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &cpu) == 0, "clock_gettime(CLOCK_PROCESS_CPUTIME_ID) succeeds");
    struct timespec before, after, nap = {0, 2000000};
    clock_gettime(CLOCK_MONOTONIC, &before);
    check(nanosleep(&nap, NULL) == 0, "nanosleep(2 ms) succeeds");
    clock_gettime(CLOCK_MONOTONIC, &after);
    check(ns(after) - ns(before) >= 2000000, "nanosleep(2 ms) lets CLOCK_MONOTONIC advance by 2 ms");
    errno = 0;
    check(syscall(SYS_clock_gettime, 12345, &now) == -1 && errno == EINVAL, "an unknown clock fails with EINVAL");
}

static void with_ids(void) {
    puts("-- ids");
    pid_t pid = getpid();
    check(pid > 0, "getpid() > 0");
    check(syscall(SYS_gettid) == pid, "gettid() == getpid() in a single-threaded process");
    check(getppid() >= 0, "getppid() >= 0");
    int tid_word = 0;
    check(syscall(SYS_set_tid_address, &tid_word) == pid, "set_tid_address returns the tid");
    check(getuid() == geteuid(), "getuid() == geteuid()");
    check(getgid() == getegid(), "getgid() == getegid()");
    uid_t r, e, s;
    check(getresuid(&r, &e, &s) == 0 && r == getuid() && e == geteuid() && s == geteuid(), "getresuid agrees");
    gid_t gr, ge, gs;
    check(getresgid(&gr, &ge, &gs) == 0 && gr == getgid() && ge == getegid(), "getresgid agrees");
    mode_t old = umask(027);
    check(umask(old) == 027, "umask returns the previous mask");
    check(sched_yield() == 0, "sched_yield succeeds");
}

static void with_ioctl(void) {
    puts("-- ioctl");
    struct termios tio;
    errno = 0;
    check(ioctl(1, TCGETS, &tio) == -1 && errno == ENOTTY, "TCGETS on stdout (a pipe) fails with ENOTTY");
    check(!isatty(1), "isatty(1) is false");
    errno = 0;
    check(ioctl(99, TCGETS, &tio) == -1 && errno == EBADF, "TCGETS on a closed fd fails with EBADF");
}

static void with_rlimits(void) {
    puts("-- prlimit64");
    struct rlimit stack;
    check(prlimit(0, RLIMIT_STACK, NULL, &stack) == 0, "prlimit(RLIMIT_STACK) succeeds");
    check(stack.rlim_cur >= 128 * 1024, "RLIMIT_STACK soft limit is at least 128 KiB");
    check(stack.rlim_max == RLIM_INFINITY || stack.rlim_cur <= stack.rlim_max, "soft <= hard");
    struct rlimit nofile, lowered = {0, 0}, back;
    check(getrlimit(RLIMIT_NOFILE, &nofile) == 0 && nofile.rlim_cur >= 3, "RLIMIT_NOFILE allows stdin/out/err");
    lowered.rlim_cur = nofile.rlim_cur > 64 ? 64 : nofile.rlim_cur;
    lowered.rlim_max = nofile.rlim_max;
    check(setrlimit(RLIMIT_NOFILE, &lowered) == 0, "setrlimit(RLIMIT_NOFILE) lowers the soft limit");
    check(getrlimit(RLIMIT_NOFILE, &back) == 0 && back.rlim_cur == lowered.rlim_cur, "getrlimit reads it back");
    errno = 0;
    check(prlimit(0, 999, NULL, &back) == -1 && errno == EINVAL, "an unknown resource fails with EINVAL");
}

static void with_proc_self_exe(const char *argv0_file) {
    puts("-- /proc/self/exe");
    char path[4096];
    ssize_t n = readlink("/proc/self/exe", path, sizeof path - 1);
    check(n > 0, "readlink(/proc/self/exe) succeeds");
    if (n > 0) {
        path[n] = 0;
        const char *slash = strrchr(path, '/');
        check(path[0] == '/', "it is an absolute path");
        check(slash && strcmp(slash + 1, argv0_file) == 0, "its last component is the program's file name");
        char small[4];
        check(readlink("/proc/self/exe", small, sizeof small) == (ssize_t)sizeof small, "a short buffer truncates");
    }
    errno = 0;
    check(readlink("/nonexistent/exo", path, sizeof path) == -1 && errno == ENOENT, "readlink of a missing path fails with ENOENT");
}

int main(int argc, char **argv) {
    with_uname();
    with_getrandom();
    with_clocks();
    with_ids();
    with_ioctl();
    with_rlimits();
    /* argv[0]'s last component is the program's file name, whatever path it was started by. */
    const char *slash = argc > 0 ? strrchr(argv[0], '/') : NULL;
    with_proc_self_exe(slash ? slash + 1 : argc > 0 ? argv[0] : "misc_syscalls");
    printf("failures=%d\n", failures);
    return failures ? 1 : 0;
}
