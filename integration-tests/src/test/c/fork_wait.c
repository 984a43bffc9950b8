/* fork_wait.c: fork with copy-on-write memory, exit statuses seen through wait4/waitpid/waitid, WNOHANG,
 * ECHILD, process groups and sessions, getppid, SIGCHLD (handled, ignored), a pipe between parent and
 * child, vfork, and an orphan's adoption. Only the parent prints; children report through exit codes or
 * pipes and leave with _exit, so nothing buffered is printed twice. */
#include "check.h"

#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

static int global_value = 1;
static volatile int sigchld_count;

static void on_sigchld(int sig) { (void) sig; sigchld_count++; }

/* Forks; the child runs fn and leaves with its result as the exit code. */
static pid_t spawn(int (*fn)(void *), void *arg) {
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) _exit(fn(arg));
    return pid;
}

static int wait_status(pid_t pid) {
    int status = -1;
    if (waitpid(pid, &status, 0) != pid) return -1;
    return status;
}

/* ---- copy-on-write ---- */

static int *heap_value;
static int cow_pipe[2];

static int cow_child(void *stack_value) {
    int *s = stack_value;
    char go;
    if (read(cow_pipe[0], &go, 1) != 1) return 10;
    /* The parent has written 3 everywhere by now: none of it may show here. */
    if (global_value != 1 || *heap_value != 1 || *s != 1) return 11;
    global_value = 2;
    *heap_value = 2;
    *s = 2;
    return global_value + *heap_value + *s == 6 ? 0 : 12;
}

static void test_copy_on_write(void) {
    int stack_value = 1;
    heap_value = malloc(sizeof(int));
    *heap_value = 1;
    check(pipe(cow_pipe) == 0, "pipe for the copy-on-write test");
    pid_t pid = spawn(cow_child, &stack_value);
    check(pid > 0, "fork returns the child's pid to the parent");
    global_value = 3;
    *heap_value = 3;
    stack_value = 3;
    check(write(cow_pipe[1], "g", 1) == 1, "parent wrote after fork");
    int status = wait_status(pid);
    check(WIFEXITED(status) && WEXITSTATUS(status) == 0, "child saw its own copy of global, heap and stack");
    check(global_value == 3 && *heap_value == 3 && stack_value == 3, "child's writes not seen by the parent");
    close(cow_pipe[0]);
    close(cow_pipe[1]);
    free(heap_value);

    /* A bigger region, touched page by page on both sides. */
    size_t n = 64 * 4096;
    unsigned char *big = malloc(n);
    memset(big, 0x5a, n);
    fflush(stdout);
    pid = fork();
    if (pid == 0) {
        for (size_t i = 0; i < n; i += 4096) if (big[i] != 0x5a) _exit(1);
        memset(big, 0xa5, n);
        for (size_t i = 0; i < n; i += 4096) if (big[i] != 0xa5) _exit(2);
        _exit(0);
    }
    memset(big, 0x11, n / 2);
    status = wait_status(pid);
    check(WIFEXITED(status) && WEXITSTATUS(status) == 0, "child wrote its 64-page copy");
    int intact = 1;
    for (size_t i = 0; i < n; i++) if (big[i] != (i < n / 2 ? 0x11 : 0x5a)) intact = 0;
    check(intact, "parent's 64 pages unchanged by the child");
    free(big);
}

/* ---- exit statuses ---- */

static int exit_42(void *arg) { (void) arg; return 42; }
static int exit_0(void *arg) { (void) arg; return 0; }
static int exit_1(void *arg) { (void) arg; return 1; }
static int exit_2(void *arg) { (void) arg; return 2; }
static int raise_usr1(void *arg) { (void) arg; raise(SIGUSR1); return 99; }
static int exit_257(void *arg) { (void) arg; exit(257); }

static void test_statuses(void) {
    int status = wait_status(spawn(exit_42, NULL));
    check(WIFEXITED(status) && WEXITSTATUS(status) == 42, "exit code 42 reported");
    status = wait_status(spawn(exit_257, NULL));
    check(WIFEXITED(status) && WEXITSTATUS(status) == 1, "exit(257) reported as 1 (low 8 bits)");
    status = wait_status(spawn(raise_usr1, NULL));
    check(WIFSIGNALED(status) && WTERMSIG(status) == SIGUSR1, "child killed by SIGUSR1 reported");

    int p[2];
    check(pipe(p) == 0, "pipe for the kill test");
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        close(p[1]);
        char c;
        read(p[0], &c, 1); /* blocks until killed */
        _exit(5);
    }
    close(p[0]);
    check(kill(pid, SIGTERM) == 0, "kill(child, SIGTERM)");
    status = wait_status(pid);
    check(WIFSIGNALED(status) && WTERMSIG(status) == SIGTERM, "child blocked in read killed by SIGTERM");
    close(p[1]);

    pid = spawn(exit_0, NULL);
    check(kill(pid, 0) == 0 || errno == ESRCH, "kill(child, 0) checks");
    status = wait_status(pid);
    check(kill(pid, 0) == -1 && errno == ESRCH, "kill of a reaped child: ESRCH");
    check(WIFEXITED(status) && WEXITSTATUS(status) == 0, "exit code 0 reported");
}

/* ---- WNOHANG, specific pids, ECHILD ---- */

static void test_waiting(void) {
    int p[2];
    check(pipe(p) == 0, "pipe for the WNOHANG test");
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        close(p[1]);
        char c;
        _exit(read(p[0], &c, 1) == 1 ? c : 100);
    }
    close(p[0]);
    int status = 0;
    check(waitpid(pid, &status, WNOHANG) == 0, "WNOHANG before the child exits returns 0");
    check(waitpid(-1, &status, WNOHANG) == 0, "WNOHANG on any child returns 0");
    check(write(p[1], "\x07", 1) == 1, "released the child");
    check(waitpid(pid, &status, 0) == pid && WIFEXITED(status) && WEXITSTATUS(status) == 7,
          "blocking waitpid returns the child and its code");
    close(p[1]);

    pid_t a = spawn(exit_1, NULL), b = spawn(exit_2, NULL);
    check(waitpid(b, &status, 0) == b && WEXITSTATUS(status) == 2, "waitpid of the second child first");
    check(waitpid(a, &status, 0) == a && WEXITSTATUS(status) == 1, "then the first");

    errno = 0;
    check(waitpid(-1, &status, 0) == -1 && errno == ECHILD, "waitpid(-1) without children: ECHILD");
    errno = 0;
    check(waitpid(getpid(), &status, 0) == -1 && errno == ECHILD, "waitpid of a non-child: ECHILD");
    errno = 0;
    check(waitpid(-1, &status, WNOHANG) == -1 && errno == ECHILD, "WNOHANG without children: ECHILD");
    errno = 0;
    check(waitpid(-1, &status, 0x4) == -1 && errno == EINVAL, "waitpid with a bad option: EINVAL");

    siginfo_t si;
    pid = spawn(exit_42, NULL);
    memset(&si, 0xff, sizeof si);
    check(waitid(P_PID, pid, &si, WEXITED | WNOWAIT) == 0, "waitid WNOWAIT");
    check(si.si_pid == pid && si.si_code == CLD_EXITED && si.si_status == 42 && si.si_signo == SIGCHLD,
          "waitid reports pid, CLD_EXITED, status 42");
    memset(&si, 0xff, sizeof si);
    check(waitid(P_ALL, 0, &si, WEXITED) == 0 && si.si_pid == pid, "the child is still there after WNOWAIT");
    errno = 0;
    check(waitid(P_ALL, 0, &si, WEXITED) == -1 && errno == ECHILD, "then it is gone: ECHILD");
    errno = 0;
    check(waitid(P_ALL, 0, &si, 0) == -1 && errno == EINVAL, "waitid without WEXITED/WSTOPPED/WCONTINUED: EINVAL");

    pid = spawn(raise_usr1, NULL);
    check(waitid(P_PID, pid, &si, WEXITED) == 0 && si.si_code == CLD_KILLED && si.si_status == SIGUSR1,
          "waitid reports CLD_KILLED and the signal");

    check(pipe(p) == 0, "pipe for the waitid WNOHANG test");
    fflush(stdout);
    pid = fork();
    if (pid == 0) {
        close(p[1]);
        char c;
        read(p[0], &c, 1);
        _exit(0);
    }
    close(p[0]);
    memset(&si, 0xff, sizeof si);
    check(waitid(P_PID, pid, &si, WEXITED | WNOHANG) == 0 && si.si_pid == 0, "waitid WNOHANG: nothing yet, si_pid 0");
    close(p[1]);
    check(waitid(P_PID, pid, &si, WEXITED) == 0 && si.si_pid == pid, "waitid after the child ends");
}

/* ---- process groups and sessions, getppid ---- */

static pid_t parent_pid;

static int check_ppid(void *arg) { (void) arg; return getppid() == parent_pid ? 0 : 1; }

static int new_session(void *arg) {
    (void) arg;
    pid_t sid = setsid();
    if (sid != getpid()) return 1;
    if (getsid(0) != getpid() || getpgid(0) != getpid()) return 2;
    if (setsid() != -1 || errno != EPERM) return 3; /* a group leader now */
    return 0;
}

static void test_groups(void) {
    parent_pid = getpid();
    int status = wait_status(spawn(check_ppid, NULL));
    check(WIFEXITED(status) && WEXITSTATUS(status) == 0, "getppid in the child is the parent's pid");
    check(getpgid(0) == getpgrp(), "getpgid(0) is getpgrp()");
    check(getsid(0) == getsid(getpid()), "getsid(0) is getsid(getpid())");

    int p[2];
    check(pipe(p) == 0, "pipe for the group test");
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        close(p[1]);
        setpgid(0, 0);
        char c;
        read(p[0], &c, 1);
        _exit(getpgid(0) == getpid() ? 0 : 1);
    }
    close(p[0]);
    check(setpgid(pid, pid) == 0, "parent puts the child in its own group");
    check(getpgid(pid) == pid, "getpgid(child) is the child's pid");
    check(getsid(pid) == getsid(0), "the child stays in the parent's session");
    errno = 0;
    check(waitpid(-pid, &status, WNOHANG) == 0, "waitpid(-pgid, WNOHANG) while the group's child runs");
    close(p[1]);
    check(waitpid(-pid, &status, 0) == pid && WEXITSTATUS(status) == 0, "waitpid(-pgid) reaps the group's child");

    /* Killing a whole group. */
    check(pipe(p) == 0, "pipe for the group kill test");
    fflush(stdout);
    pid = fork();
    if (pid == 0) {
        close(p[1]);
        setpgid(0, 0);
        char c;
        read(p[0], &c, 1);
        _exit(3);
    }
    close(p[0]);
    setpgid(pid, pid);
    check(kill(-pid, SIGKILL) == 0, "kill(-pgid, SIGKILL)");
    status = wait_status(pid);
    check(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL, "the group's child died of SIGKILL");
    close(p[1]);

    status = wait_status(spawn(new_session, NULL));
    check(WIFEXITED(status) && WEXITSTATUS(status) == 0, "setsid in a child makes it session and group leader");

    errno = 0;
    check(setpgid(99999, 0) == -1 && errno == ESRCH, "setpgid of no such process: ESRCH");
    errno = 0;
    check(setpgid(0, -1) == -1 && errno == EINVAL, "setpgid with a negative group: EINVAL");
    errno = 0;
    check(getpgid(99999) == -1 && errno == ESRCH, "getpgid of no such process: ESRCH");
    errno = 0;
    check(kill(99999, SIGTERM) == -1 && errno == ESRCH, "kill of no such process: ESRCH");
    errno = 0;
    check(kill(getpid(), 65) == -1 && errno == EINVAL, "kill with a bad signal: EINVAL");
}

/* ---- SIGCHLD ---- */

static void test_sigchld(void) {
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_sigchld;
    sa.sa_flags = SA_RESTART;
    sigemptyset(&sa.sa_mask);
    check(sigaction(SIGCHLD, &sa, NULL) == 0, "SIGCHLD handler installed");
    for (int i = 0; i < 3; i++) wait_status(spawn(exit_0, NULL));
    check(sigchld_count == 3, "one SIGCHLD per child, handled by the time waitpid returns");

    signal(SIGCHLD, SIG_IGN);
    pid_t pid = spawn(exit_0, NULL);
    int status;
    errno = 0;
    check(waitpid(pid, &status, 0) == -1 && errno == ECHILD, "SIGCHLD ignored: the child is reaped, ECHILD");
    signal(SIGCHLD, SIG_DFL);

    /* SA_NOCLDWAIT is checked by exo/exec.c: qemu-riscv64 does not pass it to the host. */
}

/* ---- a pipe between parent and child ---- */

static void test_pipe(void) {
    int p[2];
    check(pipe(p) == 0, "pipe between parent and child");
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        close(p[0]);
        const char msg[] = "hello from the child";
        _exit(write(p[1], msg, sizeof msg) == sizeof msg ? 0 : 1);
    }
    close(p[1]);
    char buf[64] = {0};
    ssize_t n = 0, r;
    while ((r = read(p[0], buf + n, sizeof buf - 1 - n)) > 0) n += r;
    check(n == 21 && strcmp(buf, "hello from the child") == 0, "parent read the child's message");
    check(r == 0, "end of file once the child's write end is gone");
    close(p[0]);
    int status = wait_status(pid);
    check(WIFEXITED(status) && WEXITSTATUS(status) == 0, "the writer exited cleanly");
}

/* ---- vfork ---- */

static void test_vfork(void) {
    fflush(stdout);
    pid_t pid = vfork();
    if (pid == 0) _exit(7);
    check(pid > 0, "vfork returns the child's pid");
    int status = wait_status(pid);
    check(WIFEXITED(status) && WEXITSTATUS(status) == 7, "vfork child's _exit code reported");
}

/* ---- an orphan ---- */

static void test_orphan(void) {
    int p[2];
    check(pipe(p) == 0, "pipe for the orphan test");
    fflush(stdout);
    pid_t middle = fork();
    if (middle == 0) {
        pid_t me = getpid();
        pid_t grandchild = fork();
        if (grandchild == 0) {
            close(p[0]);
            while (getppid() == me) usleep(1000); /* until the middle process is gone */
            char adopted = getppid() != me ? 'y' : 'n';
            write(p[1], &adopted, 1);
            _exit(0);
        }
        _exit(grandchild > 0 ? 0 : 1);
    }
    close(p[1]);
    int status = wait_status(middle);
    check(WIFEXITED(status) && WEXITSTATUS(status) == 0, "the middle process exited");
    char c = 0;
    check(read(p[0], &c, 1) == 1 && c == 'y', "the orphaned grandchild was adopted");
    close(p[0]);
}

int main(void) {
    setvbuf(stdout, NULL, _IOLBF, 0);
    test_copy_on_write();
    test_statuses();
    test_waiting();
    test_groups();
    test_sigchld();
    test_pipe();
    test_vfork();
    test_orphan();
    printf("fork_wait done\n");
    return failures != 0;
}
