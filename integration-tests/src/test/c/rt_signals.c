/*
 * Real-time signals queue and standard ones merge: SIGRTMIN sent three times with sigqueue values 1, 2, 3 while
 * blocked is taken three times, in order, each with its value; SIGUSR1 sent twice is taken once. A handler
 * runs once per queued instance when the signal is unblocked, and thread-directed instances queue too.
 * Exit status: 0 when every check passes, 1 otherwise.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "check.h"

static volatile int handled, values[8];

static void on_rt(int sig, siginfo_t *si, void *uc) {
    (void) sig; (void) uc;
    if (handled < 8) values[handled] = si->si_value.sival_int;
    handled++;
}

static int take(int sig, int *value) {
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, sig);
    struct timespec zero = {0, 0};
    siginfo_t si;
    memset(&si, 0, sizeof si);
    int r = sigtimedwait(&set, &si, &zero);
    if (r == sig && value) *value = si.si_value.sival_int;
    return r;
}

int main(void) {
    sigset_t block;
    sigemptyset(&block);
    sigaddset(&block, SIGRTMIN);
    sigaddset(&block, SIGRTMIN + 1);
    sigaddset(&block, SIGUSR1);
    check(sigprocmask(SIG_BLOCK, &block, NULL) == 0, "blocked SIGRTMIN, SIGRTMIN+1 and SIGUSR1");

    for (int i = 1; i <= 3; i++) {
        union sigval v = {.sival_int = i};
        check(sigqueue(getpid(), SIGRTMIN, v) == 0, "sigqueue SIGRTMIN");
    }
    sigset_t pending;
    check(sigpending(&pending) == 0 && sigismember(&pending, SIGRTMIN), "SIGRTMIN is pending");
    int v1 = 0, v2 = 0, v3 = 0;
    check(take(SIGRTMIN, &v1) == SIGRTMIN && v1 == 1, "first instance carries value 1");
    check(take(SIGRTMIN, &v2) == SIGRTMIN && v2 == 2, "second instance carries value 2");
    check(sigpending(&pending) == 0 && sigismember(&pending, SIGRTMIN), "still pending with one instance left");
    check(take(SIGRTMIN, &v3) == SIGRTMIN && v3 == 3, "third instance carries value 3");
    check(take(SIGRTMIN, NULL) == -1 && errno == EAGAIN, "then none is left (EAGAIN)");

    kill(getpid(), SIGUSR1);
    kill(getpid(), SIGUSR1);
    check(take(SIGUSR1, NULL) == SIGUSR1, "SIGUSR1 sent twice is taken once");
    check(take(SIGUSR1, NULL) == -1 && errno == EAGAIN, "and only once: standard signals merge");

    /* Delivery to a handler: one run per instance, in order, once unblocked. */
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = on_rt;
    sa.sa_flags = SA_SIGINFO;
    check(sigaction(SIGRTMIN + 1, &sa, NULL) == 0, "handler for SIGRTMIN+1");
    for (int i = 10; i < 14; i++) {
        union sigval v = {.sival_int = i};
        sigqueue(getpid(), SIGRTMIN + 1, v);
    }
    sigset_t one;
    sigemptyset(&one);
    sigaddset(&one, SIGRTMIN + 1);
    sigprocmask(SIG_UNBLOCK, &one, NULL);
    check(handled == 4, "the handler ran once per queued instance (4)");
    check(values[0] == 10 && values[1] == 11 && values[2] == 12 && values[3] == 13, "in the order sent");

    /* Thread-directed instances queue too (rt_tgsigqueueinfo). */
    siginfo_t si;
    int ok = 1;
    for (int i = 20; i < 22; i++) {
        memset(&si, 0, sizeof si);
        si.si_signo = SIGRTMIN;
        si.si_code = SI_QUEUE;
        si.si_pid = getpid();
        si.si_uid = getuid();
        si.si_value.sival_int = i;
        ok &= syscall(SYS_rt_tgsigqueueinfo, getpid(), gettid(), SIGRTMIN, &si) == 0;
    }
    check(ok, "rt_tgsigqueueinfo twice to this thread");
    int t1 = 0, t2 = 0;
    check(take(SIGRTMIN, &t1) == SIGRTMIN && take(SIGRTMIN, &t2) == SIGRTMIN && t1 == 20 && t2 == 21,
          "both thread-directed instances are taken, in order");

    /* Ignoring a signal drops every queued instance. */
    sigqueue(getpid(), SIGRTMIN, (union sigval){.sival_int = 30});
    sigqueue(getpid(), SIGRTMIN, (union sigval){.sival_int = 31});
    signal(SIGRTMIN, SIG_IGN);
    check(sigpending(&pending) == 0 && !sigismember(&pending, SIGRTMIN), "SIG_IGN drops the queued instances");
    return failures != 0;
}
