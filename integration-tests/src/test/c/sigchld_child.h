/* sigchld_child.h: what jobs.c and exo/jobs_nocldstop.c share: a SIGCHLD handler that records what it got,
 * a wait for n of them, waitpid again after EINTR, and a child that stops itself and exits 7 once released.
 * Include after check.h (and signal.h, sys/wait.h, unistd.h, errno.h). */
#ifndef EXO_TEST_SIGCHLD_CHILD_H
#define EXO_TEST_SIGCHLD_CHILD_H

static volatile sig_atomic_t chld_count, last_code, last_status, last_pid_ok;
static volatile pid_t expected_pid;

static void on_chld(int sig, siginfo_t *info, void *uc) {
    (void)sig;
    (void)uc;
    chld_count++;
    last_code = info->si_code;
    last_status = info->si_status;
    last_pid_ok = info->si_pid == expected_pid;
}

/* Waits (with sigsuspend, SIGCHLD blocked otherwise) until the handler has counted n SIGCHLDs. */
static void await_chld(int n) {
    sigset_t none;
    sigemptyset(&none);
    while (chld_count < n) sigsuspend(&none);
}

/*
 * waitpid, again after EINTR: qemu-riscv64 sometimes returns EINTR from a wait4 when the host's SIGCHLD
 * arrives, though the guest blocks SIGCHLD (Exo-OS never does; a wait with SIGCHLD blocked is not interrupted).
 */
static pid_t wait_for(pid_t pid, int *st, int options) {
    pid_t r;
    do r = waitpid(pid, st, options); while (r == -1 && errno == EINTR);
    return r;
}

/*
 * The child: stops itself, and once continued waits for a byte on the pipe before it exits 7, so that its
 * SIGCHLDs come one at a time (a second SIGCHLD pending with the first would merge with it).
 */
static int release[2];

static void child_stops_itself(void) {
    raise(SIGSTOP);
    char c;
    read(release[0], &c, 1);
    _exit(7);
}

#endif
