/*
 * Job control between a parent and its child: a child that stops itself (raise(SIGSTOP)) is reported by
 * waitpid(WUNTRACED) as stopped by SIGSTOP, and by SIGCHLD with CLD_STOPPED; SIGCONT continues it
 * (WCONTINUED, CLD_CONTINUED); SIGKILL ends a stopped child (WIFSIGNALED); waitid(WSTOPPED|WNOWAIT) leaves
 * the report for a later wait; SIGCONT discards a pending stop signal; a blocked stop signal stays pending;
 * a normal exit gives CLD_EXITED; a stopped group orphaned by an exit gets SIGHUP and SIGCONT. (SA_NOCLDSTOP is checked in exo/jobs_nocldstop.c: qemu-riscv64 does not
 * pass it to the host, so it gets SIGCHLD for stops anyway.)
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

#include "check.h"
#include "sigchld_child.h"

static int report[2];

static void on_hup(int sig) {
    (void)sig;
    write(report[1], "H", 1);
}

/*
 * A stopped process whose group is orphaned by its parent's exit gets SIGHUP and SIGCONT: the grandchild, in
 * a group of its own, stops itself; its parent (in our group, its link to the session) then exits.
 */
static void orphaned_group_is_hung_up(void) {
    pipe(report);
    pid_t middle = fork();
    if (middle == 0) {
        pid_t g = fork();
        if (g == 0) {
            setpgid(0, 0);
            signal(SIGHUP, on_hup);
            raise(SIGSTOP);
            write(report[1], "C", 1);
            _exit(0);
        }
        int st;
        while (waitpid(g, &st, WUNTRACED) == -1 && errno == EINTR) { }
        _exit(WIFSTOPPED(st) ? 0 : 1);
    }
    close(report[1]);
    int st;
    check(wait_for(middle, &st, 0) == middle && WIFEXITED(st) && WEXITSTATUS(st) == 0, "the grandchild stopped, its parent exits");
    char got[4] = {0};
    int n = 0;
    while (n < 2 && read(report[0], got + n, 1) == 1) n++;
    check(n == 2 && strcmp(got, "HC") == 0, "the orphaned stopped group gets SIGHUP, then SIGCONT");
    close(report[0]);
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
    sa.sa_flags = SA_SIGINFO | SA_RESTART;
    sigaction(SIGCHLD, &sa, NULL);

    /* 1. stop, continue, exit */
    pipe(release);
    pid_t pid = fork();
    if (pid == 0) {
        sigprocmask(SIG_UNBLOCK, &chld, NULL);
        child_stops_itself();
    }
    expected_pid = pid;
    int st = 0;
    check(wait_for(pid, &st, WUNTRACED) == pid, "waitpid WUNTRACED returns the child");
    check(WIFSTOPPED(st) && WSTOPSIG(st) == SIGSTOP, "the child is stopped by SIGSTOP");
    await_chld(1);
    check(last_code == CLD_STOPPED && last_status == SIGSTOP && last_pid_ok, "SIGCHLD says CLD_STOPPED, SIGSTOP");
    check(wait_for(pid, &st, WUNTRACED | WNOHANG) == 0, "a stop is reported once");
    check(kill(pid, SIGCONT) == 0, "SIGCONT sent");
    check(wait_for(pid, &st, WCONTINUED) == pid && WIFCONTINUED(st), "waitpid WCONTINUED sees it continued");
    await_chld(2);
    check(last_code == CLD_CONTINUED && last_status == SIGCONT, "SIGCHLD says CLD_CONTINUED, SIGCONT");
    write(release[1], "x", 1);
    check(wait_for(pid, &st, 0) == pid && WIFEXITED(st) && WEXITSTATUS(st) == 7, "the continued child exits 7");
    await_chld(3);
    check(last_code == CLD_EXITED && last_status == 7, "SIGCHLD says CLD_EXITED, 7");

    /* 2. SIGKILL ends a stopped child; waitid(WNOWAIT) leaves the stop to report */
    pid = fork();
    if (pid == 0) {
        sigprocmask(SIG_UNBLOCK, &chld, NULL);
        child_stops_itself();
    }
    expected_pid = pid;
    siginfo_t si;
    memset(&si, 0, sizeof si);
    check(waitid(P_PID, pid, &si, WSTOPPED | WNOWAIT) == 0, "waitid WSTOPPED|WNOWAIT");
    check(si.si_code == CLD_STOPPED && si.si_status == SIGSTOP && si.si_pid == pid, "waitid sees CLD_STOPPED");
    memset(&si, 0, sizeof si);
    check(waitid(P_PID, pid, &si, WSTOPPED) == 0 && si.si_code == CLD_STOPPED, "the stop is still there to report");
    memset(&si, 0, sizeof si);
    check(waitid(P_PID, pid, &si, WSTOPPED | WNOHANG) == 0 && si.si_pid == 0, "then it is gone");
    await_chld(4);
    check(kill(pid, SIGKILL) == 0, "SIGKILL sent to the stopped child");
    check(wait_for(pid, &st, 0) == pid && WIFSIGNALED(st) && WTERMSIG(st) == SIGKILL, "the stopped child dies of SIGKILL");
    await_chld(5);
    check(last_code == CLD_KILLED && last_status == SIGKILL, "SIGCHLD says CLD_KILLED, SIGKILL");

    /* 3. a blocked SIGTSTP stays pending; SIGCONT discards it */
    pid = fork();
    if (pid == 0) {
        sigset_t tstp;
        sigemptyset(&tstp);
        sigaddset(&tstp, SIGTSTP);
        sigprocmask(SIG_BLOCK, &tstp, NULL);
        raise(SIGTSTP);
        sigset_t p;
        sigpending(&p);
        int was = sigismember(&p, SIGTSTP);
        raise(SIGCONT);
        sigpending(&p);
        int after = sigismember(&p, SIGTSTP);
        sigprocmask(SIG_UNBLOCK, &tstp, NULL); /* nothing left to stop it */
        _exit(was * 10 + after);
    }
    check(wait_for(pid, &st, WUNTRACED) == pid && WIFEXITED(st), "a blocked SIGTSTP does not stop");
    check(WEXITSTATUS(st) == 10, "it stays pending until SIGCONT discards it");
    await_chld(6);

    /* 4. errors */
    check(waitpid(-1, &st, WNOHANG) == -1 && errno == ECHILD, "no child left: ECHILD");
    errno = 0;
    check(waitid(P_ALL, 0, &si, WNOHANG) == -1 && errno == EINVAL, "waitid without an event: EINVAL");
    orphaned_group_is_hung_up();
    return failures != 0;
}
