/* syslog_ioprio.c: the kernel log through klogctl (syslog(2)) and the I/O priority calls. The log is
 * Exo-OS's own (its banner names Exo-OS), so qemu-riscv64 cannot be the reference. As root it checks the
 * privileged actions too, and the unprivileged ones in a child that became uid 1000. */
#define _GNU_SOURCE
#include "../check.h"
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/klog.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#define SYSLOG_ACTION_READ 2
#define SYSLOG_ACTION_READ_ALL 3
#define SYSLOG_ACTION_READ_CLEAR 4
#define SYSLOG_ACTION_CLEAR 5
#define SYSLOG_ACTION_CONSOLE_OFF 6
#define SYSLOG_ACTION_CONSOLE_ON 7
#define SYSLOG_ACTION_CONSOLE_LEVEL 8
#define SYSLOG_ACTION_SIZE_UNREAD 9
#define SYSLOG_ACTION_SIZE_BUFFER 10

#define IOPRIO_CLASS_SHIFT 13
#define IOPRIO_PRIO_VALUE(class, data) (((class) << IOPRIO_CLASS_SHIFT) | (data))
#define IOPRIO_CLASS_NONE 0
#define IOPRIO_CLASS_RT 1
#define IOPRIO_CLASS_BE 2
#define IOPRIO_CLASS_IDLE 3
#define IOPRIO_WHO_PROCESS 1
#define IOPRIO_WHO_PGRP 2
#define IOPRIO_WHO_USER 3

static char buf[1 << 16];

static long ioprio_set(int which, int who, int prio) { return syscall(SYS_ioprio_set, which, who, prio); }
static long ioprio_get(int which, int who) { return syscall(SYS_ioprio_get, which, who); }

static int fails(long r, int err) { return r == -1 && errno == err; }

static void on_alarm(int sig) { (void) sig; }

/* A child that gave up root (or the program itself when not run as root): what an unprivileged caller may
 * and may not do. */
static int unprivileged_child(void) {
    int was_root = geteuid() == 0;
    if (was_root && setuid(1000) != 0) {
        printf("FAIL setuid(1000)\n");
        return 1;
    }
    check(fails(klogctl(SYSLOG_ACTION_CLEAR, 0, 0), EPERM), "user: CLEAR is EPERM");
    check(fails(klogctl(SYSLOG_ACTION_READ, buf, 16), EPERM), "user: READ is EPERM");
    check(fails(klogctl(SYSLOG_ACTION_SIZE_UNREAD, 0, 0), EPERM), "user: SIZE_UNREAD is EPERM");
    check(fails(klogctl(SYSLOG_ACTION_CONSOLE_OFF, 0, 0), EPERM), "user: CONSOLE_OFF is EPERM");
    check(fails(klogctl(99, 0, 0), EPERM), "user: an unknown action is EPERM before EINVAL");
    check(klogctl(SYSLOG_ACTION_SIZE_BUFFER, 0, 0) == 65536, "user: SIZE_BUFFER is allowed");
    check(klogctl(SYSLOG_ACTION_READ_ALL, buf, sizeof buf) >= 0, "user: READ_ALL is allowed");

    check(fails(ioprio_set(IOPRIO_WHO_PROCESS, 0, IOPRIO_PRIO_VALUE(IOPRIO_CLASS_RT, 0)), EPERM),
          "user: the RT class is EPERM");
    if (was_root) {
        check(fails(ioprio_set(IOPRIO_WHO_PROCESS, getppid(), IOPRIO_PRIO_VALUE(IOPRIO_CLASS_BE, 1)), EPERM),
              "user: root's process is EPERM");
    }
    check(ioprio_set(IOPRIO_WHO_PROCESS, 0, IOPRIO_PRIO_VALUE(IOPRIO_CLASS_IDLE, 0)) == 0, "user: IDLE is allowed");
    check(ioprio_get(IOPRIO_WHO_PROCESS, 0) == IOPRIO_PRIO_VALUE(IOPRIO_CLASS_IDLE, 0), "user: reads IDLE back");
    check(ioprio_set(IOPRIO_WHO_PROCESS, 0, IOPRIO_PRIO_VALUE(IOPRIO_CLASS_BE, 7)) == 0, "user: BE 7 is allowed");
    check(ioprio_get(IOPRIO_WHO_USER, 0) == IOPRIO_PRIO_VALUE(IOPRIO_CLASS_BE, 7), "user: USER 0 finds itself");
    return failures;
}

static void run_child(int (*body)(void), const char *what) {
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        int f = body();
        fflush(stdout);
        _exit(f);
    }
    int status = -1;
    check(pid > 0 && waitpid(pid, &status, 0) == pid && WIFEXITED(status) && WEXITSTATUS(status) == 0, what);
}

static int inherits_child(void) {
    return ioprio_get(IOPRIO_WHO_PROCESS, 0) == IOPRIO_PRIO_VALUE(IOPRIO_CLASS_BE, 2) ? 0 : 1;
}

static void kernel_log(void) {
    check(klogctl(SYSLOG_ACTION_SIZE_BUFFER, 0, 0) == 65536, "SIZE_BUFFER is 64 KiB");
    int n = klogctl(SYSLOG_ACTION_READ_ALL, buf, sizeof buf - 1);
    check(n > 0, "READ_ALL returns records");
    buf[n > 0 ? n : 0] = 0;
    check(strstr(buf, "Linux version") != NULL && strstr(buf, "Exo-OS") != NULL, "the banner names Exo-OS");
    check(buf[0] == '<' && buf[2] == '>' && buf[3] == '[' && n > 0 && buf[n - 1] == '\n',
          "records look like <level>[time] text\\n");
    check(klogctl(SYSLOG_ACTION_READ_ALL, buf, 0) == 0, "READ_ALL of 0 bytes is 0");
    check(fails(klogctl(SYSLOG_ACTION_READ_ALL, 0, 10), EINVAL), "READ_ALL into NULL is EINVAL");
    check(fails(klogctl(SYSLOG_ACTION_READ_ALL, buf, -1), EINVAL), "READ_ALL of -1 bytes is EINVAL");
    check(fails(klogctl(SYSLOG_ACTION_READ_ALL, (char *) 8, 4096), EFAULT), "READ_ALL into a bad address is EFAULT");
    check(fails(klogctl(99, 0, 0), EINVAL), "an unknown action is EINVAL");
    check(fails(klogctl(SYSLOG_ACTION_CONSOLE_LEVEL, 0, 9), EINVAL), "console level 9 is EINVAL");
    check(klogctl(SYSLOG_ACTION_CONSOLE_LEVEL, 0, 4) == 0, "console level 4");
    check(klogctl(SYSLOG_ACTION_CONSOLE_OFF, 0, 0) == 0 && klogctl(SYSLOG_ACTION_CONSOLE_ON, 0, 0) == 0,
          "console off and on");

    int unread = klogctl(SYSLOG_ACTION_SIZE_UNREAD, 0, 0);
    check(unread > 0, "the banner is unread");
    int got = 0, r;
    while (got < unread && (r = klogctl(SYSLOG_ACTION_READ, buf, 7)) > 0) got += r; /* partial records too */
    check(got == unread, "READ returns the unread bytes, a record in parts");
    check(klogctl(SYSLOG_ACTION_SIZE_UNREAD, 0, 0) == 0, "nothing is unread after READ");

    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_alarm; /* no SA_RESTART: the blocked READ ends with EINTR */
    sigaction(SIGALRM, &sa, 0);
    alarm(1);
    check(fails(klogctl(SYSLOG_ACTION_READ, buf, sizeof buf), EINTR), "READ blocks until a signal: EINTR");

    check(klogctl(SYSLOG_ACTION_READ_CLEAR, buf, sizeof buf) > 0, "READ_CLEAR returns the records");
    check(klogctl(SYSLOG_ACTION_READ_ALL, buf, sizeof buf) == 0, "READ_ALL is empty after READ_CLEAR");
    check(klogctl(SYSLOG_ACTION_CLEAR, 0, 0) == 0, "CLEAR as root");
    run_child(unprivileged_child, "the unprivileged child passed");
}

static void io_priority(void) {
    check(ioprio_get(IOPRIO_WHO_PROCESS, 0) == IOPRIO_PRIO_VALUE(IOPRIO_CLASS_NONE, 0), "unset: class NONE, 0");
    check(ioprio_set(IOPRIO_WHO_PROCESS, 0, IOPRIO_PRIO_VALUE(IOPRIO_CLASS_BE, 3)) == 0, "set BE 3");
    check(ioprio_get(IOPRIO_WHO_PROCESS, getpid()) == IOPRIO_PRIO_VALUE(IOPRIO_CLASS_BE, 3), "get BE 3 by pid");
    check(ioprio_set(IOPRIO_WHO_PROCESS, 0, IOPRIO_PRIO_VALUE(IOPRIO_CLASS_RT, 0)) == 0, "root sets RT 0");
    check(ioprio_get(IOPRIO_WHO_PROCESS, 0) == IOPRIO_PRIO_VALUE(IOPRIO_CLASS_RT, 0), "get RT 0");
    check(ioprio_set(IOPRIO_WHO_PGRP, 0, IOPRIO_PRIO_VALUE(IOPRIO_CLASS_BE, 5)) == 0, "set the group to BE 5");
    check(ioprio_get(IOPRIO_WHO_PGRP, 0) == IOPRIO_PRIO_VALUE(IOPRIO_CLASS_BE, 5), "get the group's BE 5");
    check(ioprio_get(IOPRIO_WHO_USER, 0) > 0, "get the user's best");

    check(fails(ioprio_set(IOPRIO_WHO_PROCESS, 0, IOPRIO_PRIO_VALUE(4, 0)), EINVAL), "class 4 is EINVAL");
    check(fails(ioprio_set(IOPRIO_WHO_PROCESS, 0, IOPRIO_PRIO_VALUE(IOPRIO_CLASS_BE, 8)), EINVAL), "BE 8 is EINVAL");
    check(fails(ioprio_set(IOPRIO_WHO_PROCESS, 0, IOPRIO_PRIO_VALUE(IOPRIO_CLASS_NONE, 1)), EINVAL),
          "NONE with data is EINVAL");
    check(fails(ioprio_set(0, 0, IOPRIO_PRIO_VALUE(IOPRIO_CLASS_BE, 1)), EINVAL), "which 0 is EINVAL");
    check(fails(ioprio_get(4, 0), EINVAL), "get with which 4 is EINVAL");
    check(fails(ioprio_set(IOPRIO_WHO_PROCESS, 999999, IOPRIO_PRIO_VALUE(IOPRIO_CLASS_BE, 1)), ESRCH),
          "no such process: ESRCH");
    check(fails(ioprio_get(IOPRIO_WHO_PROCESS, 999999), ESRCH), "get of no such process: ESRCH");
    check(fails(ioprio_get(IOPRIO_WHO_PGRP, 999999), ESRCH), "get of no such group: ESRCH");

    check(ioprio_set(IOPRIO_WHO_PROCESS, 0, IOPRIO_PRIO_VALUE(IOPRIO_CLASS_BE, 2)) == 0, "set BE 2");
    run_child(inherits_child, "fork's child inherits BE 2");
}

int main(void) {
    if (geteuid() != 0) { /* run by an ordinary host user: only what needs no privilege */
        printf("not root: the unprivileged checks only\n");
        return unprivileged_child() != 0;
    }
    kernel_log();
    io_priority();
    return failures != 0;
}
