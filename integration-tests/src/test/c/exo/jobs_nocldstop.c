/*
 * SA_NOCLDSTOP (Exo-only: qemu-riscv64 installs its own host SIGCHLD handler without the flag, so under qemu
 * the parent gets SIGCHLD for stops anyway): with it, a child's stop and continue send no SIGCHLD, while
 * waitpid(WUNTRACED/WCONTINUED) still reports them, and the exit does send SIGCHLD (CLD_EXITED).
 * Exit status: 0 when every check passes, 1 otherwise.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "../check.h"

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

/* waitpid, again after EINTR (a wait with SIGCHLD blocked is not interrupted; this only keeps it robust). */
static pid_t wait_for(pid_t pid, int *st, int options) {
    pid_t r;
    do r = waitpid(pid, st, options); while (r == -1 && errno == EINTR);
    return r;
}

/* The child: stops itself, and once continued waits for a byte on the pipe before it exits 7 (a child that
 * exited already is reported as exited, not continued). */
static int release[2];

static void child_stops_itself(void) {
    raise(SIGSTOP);
    char c;
    read(release[0], &c, 1);
    _exit(7);
}

int main(void) {
    setvbuf(stdout, NULL, _IONBF, 0);
    sigset_t chld;
    sigemptyset(&chld);
    sigaddset(&chld, SIGCHLD);
    sigprocmask(SIG_BLOCK, &chld, NULL);
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = on_chld;
    sa.sa_flags = SA_SIGINFO | SA_RESTART | SA_NOCLDSTOP;
    sigaction(SIGCHLD, &sa, NULL);
    int st = 0;
    pipe(release);
    pid_t pid = fork();
    if (pid == 0) {
        sigprocmask(SIG_UNBLOCK, &chld, NULL);
        child_stops_itself();
    }
    expected_pid = pid;
    check(wait_for(pid, &st, WUNTRACED) == pid && WIFSTOPPED(st), "SA_NOCLDSTOP: the stop is seen by waitpid");
    sigset_t pending;
    sigpending(&pending);
    check(!sigismember(&pending, SIGCHLD), "SA_NOCLDSTOP: no SIGCHLD for the stop");
    kill(pid, SIGCONT);
    check(wait_for(pid, &st, WCONTINUED) == pid && WIFCONTINUED(st), "SA_NOCLDSTOP: the continue is seen by waitpid");
    sigpending(&pending);
    check(!sigismember(&pending, SIGCHLD), "SA_NOCLDSTOP: no SIGCHLD for the continue");
    write(release[1], "x", 1);
    check(wait_for(pid, &st, 0) == pid && WEXITSTATUS(st) == 7, "SA_NOCLDSTOP: then it exits");
    await_chld(1);
    check(last_code == CLD_EXITED && last_status == 7 && last_pid_ok, "SA_NOCLDSTOP: SIGCHLD for the exit");
    return failures != 0;
}
