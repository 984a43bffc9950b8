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
#include "../sigchld_child.h"

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
