/*
 * flock(2) whole-file locks: shared locks from two opens, exclusive conflicts (LOCK_NB: EWOULDBLOCK), the
 * lock belonging to the open file description (a forked child's inherited descriptor shares it, a dup keeps
 * it, the last close releases it), conversions, any access mode taking either lock, a blocking wait ended
 * by the holder's unlock and one ended by a signal (EINTR), independence from fcntl record locks, and
 * EBADF/EINVAL. Runs in a fresh directory under the cwd and removes it.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "check.h"

static int fails_with(long rc, int err) {
    return rc == -1 && errno == err;
}

static int open_f(int flags) {
    return open("f", flags);
}

/* Forks a child that runs body(fd) and exits with its result; returns the child's exit status or -1. */
static int in_child(int (*body)(int), int fd) {
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) _exit(body(fd));
    int status;
    if (pid < 0 || waitpid(pid, &status, 0) != pid || !WIFEXITED(status)) return -1;
    return WEXITSTATUS(status);
}

static void shared_and_exclusive(void) {
    int a = open("f", O_CREAT | O_RDWR, 0644);
    int b = open_f(O_RDWR);
    check(a >= 0 && b >= 0, "two opens of f");
    check(flock(a, LOCK_SH) == 0, "shared lock through a");
    check(flock(b, LOCK_SH | LOCK_NB) == 0, "shared lock through b beside it");
    check(fails_with(flock(b, LOCK_EX | LOCK_NB), EWOULDBLOCK), "b's exclusive: EWOULDBLOCK (a shares)");
    check(EWOULDBLOCK == EAGAIN, "EWOULDBLOCK is EAGAIN");
    check(flock(a, LOCK_UN) == 0, "a unlocks");
    check(flock(b, LOCK_EX | LOCK_NB) == 0, "now b's exclusive succeeds");
    check(fails_with(flock(a, LOCK_SH | LOCK_NB), EWOULDBLOCK), "a's shared: EWOULDBLOCK");
    check(fails_with(flock(a, LOCK_EX | LOCK_NB), EWOULDBLOCK), "a's exclusive: EWOULDBLOCK");
    check(flock(b, LOCK_UN) == 0 && flock(b, LOCK_UN) == 0, "unlock twice");
    check(close(a) == 0 && close(b) == 0, "close both");
}

static void conversions(void) {
    int a = open_f(O_RDWR);
    int b = open_f(O_RDWR);
    check(flock(a, LOCK_SH) == 0, "a shared");
    check(flock(a, LOCK_SH) == 0, "a shared again");
    check(flock(a, LOCK_EX | LOCK_NB) == 0, "upgrade a to exclusive");
    check(fails_with(flock(b, LOCK_SH | LOCK_NB), EWOULDBLOCK), "b's shared meets the upgraded lock");
    check(flock(a, LOCK_SH) == 0, "downgrade a to shared");
    check(flock(b, LOCK_SH | LOCK_NB) == 0, "b shares again");
    check(fails_with(flock(a, LOCK_EX | LOCK_NB), EWOULDBLOCK), "a's upgrade meets b's shared lock");
    check(flock(b, LOCK_EX | LOCK_NB) == 0, "the failed upgrade dropped a's shared lock: b upgrades");
    close(a);
    close(b);
}

static void access_modes(void) {
    int ro = open_f(O_RDONLY);
    int wo = open_f(O_WRONLY);
    check(ro >= 0 && wo >= 0, "read-only and write-only opens");
    check(flock(ro, LOCK_EX | LOCK_NB) == 0, "exclusive through a read-only descriptor");
    check(fails_with(flock(wo, LOCK_SH | LOCK_NB), EWOULDBLOCK), "write-only shared meets it");
    check(flock(ro, LOCK_UN) == 0, "read-only unlocks");
    check(flock(wo, LOCK_SH | LOCK_NB) == 0, "shared through a write-only descriptor");
    close(ro);
    close(wo);
}

static int take_exclusive(int fd) {
    return flock(fd, LOCK_EX | LOCK_NB) == 0 ? 0 : 1;
}

static int wait_for_exclusive(int unused) {
    (void)unused;
    int fd = open_f(O_RDWR);
    if (fd < 0) return 2;
    if (!fails_with(flock(fd, LOCK_EX | LOCK_NB), EWOULDBLOCK)) return 3;
    return flock(fd, LOCK_EX) == 0 ? 0 : 1; /* waits for the parent's unlock */
}

static void descriptions(void) {
    int a = open_f(O_RDWR);
    int b = open_f(O_RDWR);
    check(in_child(take_exclusive, a) == 0, "a forked child locks through its inherited descriptor");
    check(fails_with(flock(b, LOCK_SH | LOCK_NB), EWOULDBLOCK), "the child's exit left the lock on the description");
    check(flock(a, LOCK_EX | LOCK_NB) == 0, "the parent's descriptor holds it too");
    int c = dup(a);
    check(c >= 0 && close(a) == 0, "dup, close the original");
    check(fails_with(flock(b, LOCK_SH | LOCK_NB), EWOULDBLOCK), "the dup keeps the lock");
    check(close(c) == 0, "close the last descriptor");
    check(flock(b, LOCK_EX | LOCK_NB) == 0, "the last close released the lock");

    /* A blocking wait in a child, ended by the parent's unlock. */
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) _exit(wait_for_exclusive(0));
    struct timespec pause = {0, 100 * 1000 * 1000};
    nanosleep(&pause, NULL);
    check(flock(b, LOCK_UN) == 0, "unlock while the child waits");
    int status = -1;
    check(pid > 0 && waitpid(pid, &status, 0) == pid && WIFEXITED(status) && WEXITSTATUS(status) == 0,
          "the waiting child got the lock");
    check(flock(b, LOCK_SH | LOCK_NB) == 0, "the child's exit released its lock");
    close(b);
}

static volatile sig_atomic_t alarms;

static void on_alarm(int sig) {
    (void)sig;
    alarms++;
}

static void interrupted_wait(void) {
    int a = open_f(O_RDWR);
    int b = open_f(O_RDWR);
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_alarm; /* no SA_RESTART: the wait ends with EINTR */
    sigemptyset(&sa.sa_mask);
    check(sigaction(SIGALRM, &sa, NULL) == 0, "SIGALRM handler");
    check(flock(a, LOCK_EX) == 0, "a exclusive");
    struct itimerval timer = {{0, 0}, {0, 100 * 1000}};
    check(setitimer(ITIMER_REAL, &timer, NULL) == 0, "100 ms timer");
    check(fails_with(flock(b, LOCK_EX), EINTR), "a wait for one's own other description: EINTR");
    check(alarms == 1, "the handler ran");
    close(a);
    check(flock(b, LOCK_EX | LOCK_NB) == 0, "b locks once a is closed");
    close(b);
}

static void apart_from_fcntl_locks(void) {
    int a = open_f(O_RDWR);
    int b = open_f(O_RDWR);
    struct flock fl;
    memset(&fl, 0, sizeof fl);
    fl.l_type = F_WRLCK;
    fl.l_whence = SEEK_SET;
    check(flock(a, LOCK_EX | LOCK_NB) == 0, "flock exclusive through a");
    check(fcntl(b, F_SETLK, &fl) == 0, "a POSIX write lock through b beside it");
    check(flock(a, LOCK_UN) == 0 && flock(a, LOCK_EX | LOCK_NB) == 0, "flock again beside the POSIX lock");
    fl.l_type = F_UNLCK;
    check(fcntl(b, F_SETLK, &fl) == 0, "POSIX unlock");
    close(a);
    close(b);
}

static void errors(void) {
    int a = open_f(O_RDWR);
    check(fails_with(flock(-1, LOCK_SH), EBADF), "fd -1: EBADF");
    check(fails_with(flock(999, LOCK_EX | LOCK_NB), EBADF), "a closed fd: EBADF");
    check(fails_with(flock(a, 0), EINVAL), "operation 0: EINVAL");
    check(fails_with(flock(a, LOCK_NB), EINVAL), "LOCK_NB alone: EINVAL");
    check(fails_with(flock(a, LOCK_SH | LOCK_EX), EINVAL), "LOCK_SH|LOCK_EX: EINVAL");
    check(fails_with(flock(a, LOCK_UN | LOCK_SH), EINVAL), "LOCK_UN|LOCK_SH: EINVAL");
    check(fails_with(flock(a, 16), EINVAL), "operation 16: EINVAL");
    close(a);
}

int main(void) {
    char dir[64];
    struct timespec now;
    clock_gettime(CLOCK_REALTIME, &now); /* pids repeat on Exo-OS: every run is pid 1 */
    snprintf(dir, sizeof dir, "flock.%ld.%ld", (long)getpid(), (long)now.tv_nsec);
    check(mkdir(dir, 0755) == 0 && chdir(dir) == 0, "fresh test directory");
    shared_and_exclusive();
    conversions();
    access_modes();
    descriptions();
    interrupted_wait();
    apart_from_fcntl_locks();
    errors();
    check(unlink("f") == 0, "remove f");
    check(chdir("..") == 0 && rmdir(dir) == 0, "remove the test directory");
    return failures != 0;
}
