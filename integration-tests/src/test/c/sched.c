/* sched.c: the scheduler's system calls: affinity, nice, policies, priority ranges, getcpu, sched_yield, and
 * their error cases. Prints facts only (no cpu counts or starting nice: the machine and the host differ).
 * Under qemu these calls reach the host kernel, so nothing here may touch another process: the process group
 * set is a child's own, and PRIO_USER is only read. The policy calls go through syscall(): musl's wrappers
 * are ENOSYS stubs. */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <sched.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "check.h"

int main(void) {
    cpu_set_t set;
    CPU_ZERO(&set);
    check(sched_getaffinity(0, sizeof set, &set) == 0, "sched_getaffinity");
    check(CPU_COUNT(&set) >= 1 && CPU_ISSET(0, &set), "cpu 0 is allowed");
    long n = syscall(SYS_sched_getaffinity, 0, 8, &set);
    check(n == 8, "the raw call returns the kernel mask's size");
    errno = 0;
    check(syscall(SYS_sched_getaffinity, 0, 3, &set) == -1 && errno == EINVAL, "a length not a multiple of a long is EINVAL");
    errno = 0;
    check(sched_getaffinity(999999, sizeof set, &set) == -1 && errno == ESRCH, "no such thread is ESRCH");

    CPU_ZERO(&set);
    CPU_SET(0, &set);
    check(sched_setaffinity(0, sizeof set, &set) == 0, "pin to cpu 0");
    unsigned cpu = 99, node = 99;
    check(syscall(SYS_getcpu, &cpu, &node, NULL) == 0 && cpu == 0 && node == 0, "getcpu says cpu 0, node 0");
    CPU_ZERO(&set);
    check(sched_getaffinity(0, sizeof set, &set) == 0 && CPU_COUNT(&set) == 1 && CPU_ISSET(0, &set), "only cpu 0 now");
    CPU_ZERO(&set);
    errno = 0;
    check(sched_setaffinity(0, sizeof set, &set) == -1 && errno == EINVAL, "an empty mask is EINVAL");
    CPU_ZERO(&set);
    CPU_SET(1000, &set);
    errno = 0;
    check(sched_setaffinity(0, sizeof set, &set) == -1 && errno == EINVAL, "a mask of no usable cpu is EINVAL");
    check(sched_yield() == 0, "sched_yield");

    check(setpriority(PRIO_PROCESS, 0, 5) == 0 && getpriority(PRIO_PROCESS, 0) == 5, "nice 5");
    check(syscall(SYS_getpriority, PRIO_PROCESS, 0) == 15, "the raw getpriority returns 20 - nice");
    check(setpriority(PRIO_PROCESS, 0, 100) == 0 && getpriority(PRIO_PROCESS, 0) == 19, "nice is clamped to 19");
    fflush(stdout);
    pid_t child = fork();
    if (child == 0) { /* in a group of its own (the first process may lead its session, and cannot) */
        check(setpgid(0, 0) == 0, "a process group of our own");
        check(setpriority(PRIO_PGRP, 0, 3) == 0 && getpriority(PRIO_PGRP, 0) == 3, "nice of the process group");
        fflush(stdout);
        _exit(failures != 0);
    }
    int status;
    check(waitpid(child, &status, 0) == child && WIFEXITED(status) && WEXITSTATUS(status) == 0, "the group's child passed");
    errno = 0;
    getpriority(PRIO_USER, getuid());
    check(errno == 0, "getpriority of the user");
    if (geteuid() == 0) check(setpriority(PRIO_PROCESS, 0, -1) == 0 && getpriority(PRIO_PROCESS, 0) == -1, "root lowers nice");
    errno = 0;
    check(setpriority(7, 0, 0) == -1 && errno == EINVAL, "an unknown which is EINVAL");
    errno = 0;
    check(getpriority(PRIO_PROCESS, 999999) == -1 && errno == ESRCH, "getpriority of no such thread is ESRCH");
    setpriority(PRIO_PROCESS, 0, 0);

    check(syscall(SYS_sched_getscheduler, 0) == SCHED_OTHER, "SCHED_OTHER at first");
    struct sched_param p = {0};
    check(syscall(SYS_sched_setscheduler, 0, SCHED_BATCH, &p) == 0 && syscall(SYS_sched_getscheduler, 0) == SCHED_BATCH,
          "SCHED_BATCH");
    check(syscall(SYS_sched_setscheduler, 0, SCHED_IDLE, &p) == 0 && syscall(SYS_sched_getscheduler, 0) == SCHED_IDLE,
          "SCHED_IDLE");
    check(syscall(SYS_sched_setscheduler, 0, SCHED_OTHER, &p) == 0 && syscall(SYS_sched_getscheduler, 0) == SCHED_OTHER,
          "back to SCHED_OTHER");
    p.sched_priority = 1;
    errno = 0;
    check(syscall(SYS_sched_setscheduler, 0, SCHED_OTHER, &p) == -1 && errno == EINVAL,
          "a priority with SCHED_OTHER is EINVAL");
    errno = 0;
    check(syscall(SYS_sched_setparam, 0, &p) == -1 && errno == EINVAL, "sched_setparam of 1 under SCHED_OTHER is EINVAL");
    p.sched_priority = 0;
    errno = 0;
    check(syscall(SYS_sched_setscheduler, 0, 42, &p) == -1 && errno == EINVAL, "an unknown policy is EINVAL");
    errno = 0;
    check(syscall(SYS_sched_setscheduler, 0, SCHED_OTHER, NULL) == -1 && errno == EINVAL, "a NULL param is EINVAL");
    p.sched_priority = 7;
    check(syscall(SYS_sched_getparam, 0, &p) == 0 && p.sched_priority == 0, "sched_getparam gives priority 0");
    errno = 0;
    check(syscall(SYS_sched_getscheduler, -1) == -1 && errno == EINVAL, "a negative pid is EINVAL");

    check(sched_get_priority_max(SCHED_FIFO) == 99 && sched_get_priority_min(SCHED_FIFO) == 1, "SCHED_FIFO range 1..99");
    check(sched_get_priority_max(SCHED_RR) == 99 && sched_get_priority_min(SCHED_RR) == 1, "SCHED_RR range 1..99");
    check(sched_get_priority_max(SCHED_OTHER) == 0 && sched_get_priority_min(SCHED_BATCH) == 0, "fair policies: 0");
    errno = 0;
    check(sched_get_priority_max(42) == -1 && errno == EINVAL, "an unknown policy's range is EINVAL");
    return failures != 0;
}
