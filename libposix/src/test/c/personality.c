/* Exercises the libposix system calls a static program uses, printing results that must be the same
 * under Exo-OS and under qemu-riscv64 on a Linux host (nothing host-specific is printed). */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <sys/utsname.h>
#include <time.h>
#include <unistd.h>

static int failures;
#define CHECK(cond, ...) do { if (!(cond)) { failures++; printf("FAIL %s:%d: ", __FILE__, __LINE__); printf(__VA_ARGS__); printf("\n"); } } while (0)
#define ERRNO_IS(call, e) do { errno = 0; long r_ = (long)(call); CHECK(r_ == -1 && errno == (e), #call " = %ld errno %d, want errno %d", r_, errno, (e)); } while (0)

int main(int argc, char **argv, char **envp) {
    printf("argc=%d", argc);
    for (int i = 1; i < argc; i++) printf(" [%s]", argv[i]);
    printf("\n");
    printf("EXO_TEST_VAR=%s\n", getenv("EXO_TEST_VAR") ? getenv("EXO_TEST_VAR") : "(unset)");
    CHECK(((uintptr_t)argv & 7) == 0, "argv misaligned");
    CHECK(argv[argc] == NULL, "argv not NULL-terminated");

    /* auxiliary vector */
    printf("AT_PAGESZ=%lu AT_CLKTCK=%lu AT_SECURE=%lu AT_HWCAP=%#lx\n", getauxval(AT_PAGESZ), getauxval(AT_CLKTCK),
           getauxval(AT_SECURE), getauxval(AT_HWCAP));
    CHECK(getauxval(AT_RANDOM) != 0, "no AT_RANDOM");
    CHECK(getauxval(AT_PHDR) != 0 && getauxval(AT_PHENT) == 56 && getauxval(AT_PHNUM) > 0, "bad AT_PHDR/PHENT/PHNUM");
    CHECK(getauxval(AT_UID) == getuid() && getauxval(AT_GID) == getgid(), "AT_UID/AT_GID disagree with getuid/getgid");
    const char *execfn = (const char *)getauxval(AT_EXECFN);
    CHECK(execfn && strcmp(execfn, argv[0]) == 0, "AT_EXECFN '%s' is not argv[0] '%s'", execfn ? execfn : "(null)", argv[0]);
    sysconf(_SC_CLK_TCK);

    /* uname */
    struct utsname u;
    CHECK(uname(&u) == 0, "uname failed");
    printf("uname: %s %s\n", u.sysname, u.machine);
    ERRNO_IS(uname((struct utsname *)8), EFAULT);

    /* ids */
    CHECK(getpid() > 0 && getppid() >= 0 && syscall(SYS_gettid) == getpid(), "pid/tid");
    CHECK(getuid() == geteuid() && getgid() == getegid(), "uid/euid");

    /* brk and malloc */
    /* raw brk: musl's sbrk only reads the break */
    char *b0 = (char *)syscall(SYS_brk, 0);
    CHECK((char *)syscall(SYS_brk, b0 + 100000) == b0 + 100000, "brk grow");
    memset(b0, 0x5a, 100000);
    CHECK((char *)syscall(SYS_brk, b0) == b0, "brk shrink");
    CHECK((char *)syscall(SYS_brk, 4096) == b0, "brk below the start leaves the break");
    char *big = malloc(10 << 20);
    CHECK(big != NULL, "malloc 10M");
    big[0] = 1; big[(10 << 20) - 1] = 2;
    free(big);

    /* mmap family */
    char *m = mmap(NULL, 3 * 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    CHECK(m != MAP_FAILED, "mmap anon");
    CHECK(m[0] == 0 && m[3 * 4096 - 1] == 0, "mmap not zeroed");
    m[4096] = 7;
    CHECK(mprotect(m, 4096, PROT_READ) == 0, "mprotect");
    CHECK(munmap(m + 4096, 4096) == 0, "munmap middle");
    CHECK(mmap(m + 4096, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0) == m + 4096,
          "MAP_FIXED_NOREPLACE into the hole");
    ERRNO_IS(mmap(m, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0), EEXIST);
    CHECK(((char *)mmap(m, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0))[0] == 0,
          "MAP_FIXED replaces with zero page");
    ERRNO_IS(mmap(NULL, 0, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0), EINVAL);
    ERRNO_IS(mmap(NULL, 4096, PROT_READ, MAP_ANONYMOUS, -1, 0), EINVAL);
    ERRNO_IS(mmap(NULL, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 1), EINVAL);
    ERRNO_IS(mmap((void *)0x10000001, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0), EINVAL);
    ERRNO_IS(mmap(NULL, 4096, PROT_READ, MAP_PRIVATE, 99, 0), EBADF);
    ERRNO_IS(munmap(m + 1, 4096), EINVAL);
    ERRNO_IS(munmap(m, 0), EINVAL);
    ERRNO_IS(syscall(SYS_mprotect, m + 1, 4096, PROT_READ), EINVAL); /* musl's mprotect rounds the address */
    ERRNO_IS(mprotect((void *)0x1000, 4096, PROT_READ), ENOMEM);
    CHECK(munmap(m, 3 * 4096) == 0, "munmap all");
    CHECK(munmap(m, 3 * 4096) == 0, "munmap twice");

    /* time */
    struct timespec ts, res;
    CHECK(clock_gettime(CLOCK_REALTIME, &ts) == 0 && ts.tv_sec > 1600000000, "CLOCK_REALTIME");
    CHECK(clock_gettime(CLOCK_MONOTONIC, &ts) == 0, "CLOCK_MONOTONIC");
    CHECK(clock_gettime(CLOCK_MONOTONIC_COARSE, &ts) == 0, "CLOCK_MONOTONIC_COARSE");
    CHECK(clock_gettime(CLOCK_BOOTTIME, &ts) == 0, "CLOCK_BOOTTIME");
    CHECK(clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts) == 0, "CLOCK_PROCESS_CPUTIME_ID");
    CHECK(clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts) == 0, "CLOCK_THREAD_CPUTIME_ID");
    CHECK(clock_getres(CLOCK_MONOTONIC, &res) == 0 && res.tv_sec == 0 && res.tv_nsec > 0, "clock_getres");
    ERRNO_IS(syscall(SYS_clock_gettime, 10, &ts), EINVAL);
    ERRNO_IS(syscall(SYS_clock_gettime, CLOCK_MONOTONIC, (void *)8), EFAULT);
    struct timespec a, b;
    clock_gettime(CLOCK_MONOTONIC, &a);
    clock_gettime(CLOCK_MONOTONIC, &b);
    CHECK(b.tv_sec > a.tv_sec || (b.tv_sec == a.tv_sec && b.tv_nsec >= a.tv_nsec), "monotonic went back");
    CHECK(time(NULL) > 1600000000, "time()");

    /* random */
    unsigned char r1[64] = {0}, r2[64] = {0};
    CHECK(syscall(SYS_getrandom, r1, sizeof r1, 0) == 64 && syscall(SYS_getrandom, r2, sizeof r2, 0) == 64, "getrandom");
    CHECK(memcmp(r1, r2, 64) != 0, "getrandom twice gave the same bytes");
    ERRNO_IS(syscall(SYS_getrandom, r1, 8, 0x40), EINVAL);

    /* files */
    char exe[4096];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    CHECK(n > 0 && exe[0] == '/', "readlink /proc/self/exe");
    ERRNO_IS(syscall(SYS_readlinkat, AT_FDCWD, "/proc/self/exe", exe, 0), EINVAL); /* musl's readlink hides it */
    ERRNO_IS(open("/no/such/file", O_RDONLY), ENOENT);
    struct stat st;
    CHECK(fstat(1, &st) == 0, "fstat(1)");
    ERRNO_IS(fstat(99, &st), EBADF);
    ERRNO_IS(write(99, "x", 1), EBADF);
    ERRNO_IS(syscall(SYS_write, 1, (void *)8, 1), EFAULT);
    struct iovec iov[2] = {{"writev ", 7}, {"works\n", 6}};
    CHECK(writev(1, iov, 2) == 13, "writev");
    ERRNO_IS(syscall(SYS_writev, 1, iov, -1), EINVAL);
    CHECK(write(1, "", 0) == 0, "write 0 bytes");
    int fd = dup(1);
    CHECK(fd == 3 && write(fd, "dup works\n", 10) == 10, "dup");
    CHECK(fcntl(fd, F_GETFD) == 0 && fcntl(fd, F_SETFD, FD_CLOEXEC) == 0 && fcntl(fd, F_GETFD) == FD_CLOEXEC, "F_SETFD");
    CHECK(fcntl(fd, F_DUPFD, 10) == 10 && close(10) == 0, "F_DUPFD");
    CHECK(dup3(fd, 7, O_CLOEXEC) == 7 && fcntl(7, F_GETFD) == FD_CLOEXEC, "dup3");
    ERRNO_IS(dup3(7, 7, 0), EINVAL);
    CHECK(close(7) == 0 && close(fd) == 0, "close");
    ERRNO_IS(close(fd), EBADF);
    ERRNO_IS(fcntl(fd, F_GETFD), EBADF);

    /* rlimits */
    struct rlimit rl;
    CHECK(getrlimit(RLIMIT_STACK, &rl) == 0, "getrlimit");
    printf("RLIMIT_STACK soft=%lu\n", (unsigned long)rl.rlim_cur);
    ERRNO_IS(getrlimit(99, &rl), EINVAL);
    struct rlimit lower = {64, 128};
    CHECK(setrlimit(RLIMIT_CORE, &lower) == 0 && getrlimit(RLIMIT_CORE, &rl) == 0 && rl.rlim_cur == 64, "setrlimit");
    struct rlimit bad = {2, 1};
    ERRNO_IS(setrlimit(RLIMIT_CORE, &bad), EINVAL);

    /* signals: masks are real; an ignored signal sent to ourselves does nothing */
    sigset_t set, old;
    sigemptyset(&set);
    sigaddset(&set, SIGUSR1);
    CHECK(sigprocmask(SIG_BLOCK, &set, &old) == 0, "sigprocmask block");
    CHECK(sigprocmask(SIG_SETMASK, &old, &set) == 0 && sigismember(&set, SIGUSR1), "sigprocmask read back");
    ERRNO_IS(syscall(SYS_rt_sigprocmask, 99, &set, NULL, 8), EINVAL);
    ERRNO_IS(sigaction(SIGKILL, &(struct sigaction){.sa_handler = SIG_IGN}, NULL), EINVAL);
    signal(SIGUSR2, SIG_IGN);
    CHECK(raise(SIGUSR2) == 0, "raise of an ignored signal");
    CHECK(kill(getpid(), 0) == 0, "kill(self, 0)");

    /* floating point reaches printf */
    volatile double x = 2.0;
    printf("sqrt-ish %.3f\n", x * 1.5 + 0.25);

    printf("%s\n", failures ? "FAILED" : "ALL OK");
    return failures ? 1 : 42;
}
