/*
 * Signals that interrupt and wait: a read on a pipe interrupted by a handler without SA_RESTART (EINTR) and
 * one restarted by SA_RESTART (the data a child writes after the signal arrives); rt_sigsuspend;
 * rt_sigtimedwait with a timeout (EAGAIN), with a pending signal and with sigqueue's value;
 * rt_sigqueueinfo's si_code rule; alarm and pause; an ITIMER_REAL interval timer counting SIGALRMs;
 * nanosleep interrupted (EINTR and the remaining time); SA_RESETHAND and SA_NODEFER.
 * Exit status: 0 when every check passes, 1 otherwise.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "check.h"

static volatile sig_atomic_t usr1_count, alrm_count, reset_count, nodefer_blocked = -1;

static void on_usr1(int sig) { (void)sig; usr1_count++; }

static void on_alrm(int sig) { (void)sig; alrm_count++; }

static void on_reset(int sig) { (void)sig; reset_count++; }

static void on_nodefer(int sig) {
    sigset_t now;
    sigprocmask(SIG_BLOCK, NULL, &now);
    nodefer_blocked = sigismember(&now, sig);
}

static void handle(int sig, void (*fn)(int), int flags) {
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = fn;
    sa.sa_flags = flags;
    sigaction(sig, &sa, NULL);
}

/*
 * rt_sigaction with an empty sa_mask, by hand: musl 1.2.3 defines SA_RESTORER on riscv64 and passes
 * {handler, flags, restorer, mask}, but the riscv64 kernel's struct is {handler, flags, mask}, so Linux (and
 * Exo-OS) take the restorer's address for the mask while qemu-riscv64 does not. Four words with the last two
 * zero read the same either way.
 */
static void raw_handle(int sig, void (*fn)(int), unsigned long flags) {
    unsigned long ksa[4] = {(unsigned long)fn, flags, 0, 0};
    syscall(SYS_rt_sigaction, sig, ksa, NULL, 8);
}

/* A child that sends SIGUSR1 to its parent after delay_ms, then (if fd >= 0) writes one byte to fd later. */
static pid_t signal_me_later(int delay_ms, int fd, int write_after_ms) {
    pid_t parent = getpid();
    pid_t pid = fork();
    if (pid == 0) {
        usleep(delay_ms * 1000);
        kill(parent, SIGUSR1);
        if (fd >= 0) {
            usleep(write_after_ms * 1000);
            write(fd, "x", 1);
        }
        _exit(0);
    }
    return pid;
}

static void reap(pid_t pid) {
    int st;
    while (waitpid(pid, &st, 0) == -1 && errno == EINTR) { }
}

static void interrupted_reads(void) {
    int fds[2];
    char c;
    pipe(fds);
    handle(SIGUSR1, on_usr1, 0);
    usr1_count = 0;
    pid_t pid = signal_me_later(100, fds[1], 300);
    errno = 0;
    ssize_t n = read(fds[0], &c, 1);
    check(n == -1 && errno == EINTR, "read without SA_RESTART: EINTR");
    check(usr1_count == 1, "the handler ran");
    reap(pid);
    read(fds[0], &c, 1); /* the late byte */

    handle(SIGUSR1, on_usr1, SA_RESTART);
    usr1_count = 0;
    pid = signal_me_later(100, fds[1], 200);
    n = read(fds[0], &c, 1);
    check(n == 1 && c == 'x', "read with SA_RESTART: restarted, gets the data written later");
    check(usr1_count == 1, "the handler ran in between");
    reap(pid);
    close(fds[0]);
    close(fds[1]);
}

static void suspend_and_timedwait(void) {
    sigset_t usr1, old, none;
    sigemptyset(&usr1);
    sigaddset(&usr1, SIGUSR1);
    sigemptyset(&none);
    handle(SIGUSR1, on_usr1, 0);
    sigprocmask(SIG_BLOCK, &usr1, &old);
    usr1_count = 0;
    pid_t pid = signal_me_later(50, -1, 0);
    errno = 0;
    int r = sigsuspend(&none);
    check(r == -1 && errno == EINTR && usr1_count == 1, "sigsuspend returns EINTR after the handler");
    sigset_t now;
    sigprocmask(SIG_BLOCK, NULL, &now);
    check(sigismember(&now, SIGUSR1), "sigsuspend puts the mask back");
    reap(pid);

    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGUSR2);
    sigaddset(&set, SIGRTMIN);
    sigprocmask(SIG_BLOCK, &set, NULL);
    struct timespec ts = {0, 50 * 1000 * 1000};
    siginfo_t si;
    errno = 0;
    check(sigtimedwait(&set, &si, &ts) == -1 && errno == EAGAIN, "sigtimedwait times out: EAGAIN");
    struct timespec zero = {0, 0};
    errno = 0;
    check(sigtimedwait(&set, &si, &zero) == -1 && errno == EAGAIN, "sigtimedwait with a zero timeout polls: EAGAIN");
    struct timespec bad = {0, 1000000000};
    errno = 0;
    check(sigtimedwait(&set, &si, &bad) == -1 && errno == EINVAL, "sigtimedwait with tv_nsec 1e9: EINVAL");
    kill(getpid(), SIGUSR2); /* not raise: glibc's tgkill reaches the guest as SI_USER under qemu-riscv64 */
    memset(&si, 0, sizeof si);
    check(sigtimedwait(&set, &si, &ts) == SIGUSR2, "sigtimedwait takes the pending SIGUSR2");
    check(si.si_signo == SIGUSR2 && si.si_code == SI_USER && si.si_pid == getpid(), "its siginfo says kill (SI_USER)");
    union sigval v = {.sival_int = 42};
    check(sigqueue(getpid(), SIGRTMIN, v) == 0, "sigqueue to itself");
    memset(&si, 0, sizeof si);
    check(sigwaitinfo(&set, &si) == SIGRTMIN, "sigwaitinfo takes SIGRTMIN");
    check(si.si_code == SI_QUEUE && si.si_value.sival_int == 42 && si.si_pid == getpid(), "with SI_QUEUE and the value 42");
    sigset_t pend;
    sigpending(&pend);
    check(!sigismember(&pend, SIGUSR2) && !sigismember(&pend, SIGRTMIN), "nothing left pending");

    pid = fork();
    if (pid == 0) {
        pause();
        _exit(0);
    }
    memset(&si, 0, sizeof si);
    si.si_code = SI_USER;
    si.si_pid = getpid();
    errno = 0;
    check(syscall(SYS_rt_sigqueueinfo, pid, SIGUSR1, &si) == -1 && errno == EPERM,
          "rt_sigqueueinfo claiming SI_USER to another process: EPERM");
    si.si_code = SI_QUEUE;
    check(syscall(SYS_rt_sigqueueinfo, pid, SIGTERM, &si) == 0, "rt_sigqueueinfo with SI_QUEUE to another process");
    int st;
    while (waitpid(pid, &st, 0) == -1 && errno == EINTR) { }
    check(WIFSIGNALED(st) && WTERMSIG(st) == SIGTERM, "the queued SIGTERM ends it");
    sigprocmask(SIG_SETMASK, &old, NULL);
}

static void timers(void) {
    handle(SIGALRM, on_alrm, 0);
    alrm_count = 0;
    alarm(1);
    errno = 0;
    int r = pause();
    check(r == -1 && errno == EINTR && alrm_count == 1, "alarm(1) then pause: SIGALRM, EINTR");
    alarm(5);
    check(alarm(0) == 5, "alarm(0) returns the seconds left of alarm(5)");

    sigset_t alrm, old, none;
    sigemptyset(&alrm);
    sigaddset(&alrm, SIGALRM);
    sigemptyset(&none);
    sigprocmask(SIG_BLOCK, &alrm, &old);
    alrm_count = 0;
    struct itimerval it = {{0, 20000}, {0, 20000}}, cur;
    check(setitimer(ITIMER_REAL, &it, NULL) == 0, "setitimer ITIMER_REAL every 20 ms");
    check(getitimer(ITIMER_REAL, &cur) == 0 && cur.it_interval.tv_usec == 20000 && cur.it_value.tv_usec <= 20000,
          "getitimer shows the interval and the time left");
    while (alrm_count < 5) sigsuspend(&none);
    struct itimerval off = {{0, 0}, {0, 0}};
    check(setitimer(ITIMER_REAL, &off, &cur) == 0 && cur.it_interval.tv_usec == 20000, "disarmed; the old value returned");
    check(alrm_count == 5, "five SIGALRMs counted");
    getitimer(ITIMER_REAL, &cur);
    check(cur.it_value.tv_sec == 0 && cur.it_value.tv_usec == 0, "getitimer after disarming: zero");
    sigprocmask(SIG_SETMASK, &old, NULL);
    errno = 0;
    check(setitimer(7, &it, NULL) == -1 && errno == EINVAL, "setitimer of an unknown timer: EINVAL");
    struct itimerval bad = {{0, 0}, {0, 1000000}};
    errno = 0;
    check(setitimer(ITIMER_REAL, &bad, NULL) == -1 && errno == EINVAL, "setitimer with tv_usec 1e6: EINVAL");

    handle(SIGUSR1, on_usr1, SA_RESTART); /* nanosleep is not restarted after a handler, SA_RESTART or not */
    pid_t pid = signal_me_later(100, -1, 0);
    struct timespec req = {5, 0}, rem = {0, 0};
    errno = 0;
    r = nanosleep(&req, &rem);
    check(r == -1 && errno == EINTR, "nanosleep interrupted: EINTR");
    check(rem.tv_sec >= 3 && rem.tv_sec < 5, "with the remaining time written");
    reap(pid);
}

static void flags(void) {
    handle(SIGUSR2, on_reset, SA_RESETHAND);
    raise(SIGUSR2);
    struct sigaction now;
    sigaction(SIGUSR2, NULL, &now);
    check(reset_count == 1 && now.sa_handler == SIG_DFL, "SA_RESETHAND: the handler ran once, then SIG_DFL");
    raw_handle(SIGUSR2, on_nodefer, SA_NODEFER);
    raise(SIGUSR2);
    check(nodefer_blocked == 0, "SA_NODEFER: the signal is not blocked in its handler");
    raw_handle(SIGUSR2, on_nodefer, 0);
    raise(SIGUSR2);
    check(nodefer_blocked == 1, "without it, the signal is blocked in its handler");
}

int main(void) {
    setvbuf(stdout, NULL, _IONBF, 0);
    interrupted_reads();
    suspend_and_timedwait();
    timers();
    flags();
    return failures != 0;
}
