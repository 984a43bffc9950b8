/*
 * Signal delivery in one thread: a SA_SIGINFO handler run by kill() and by raise(), a blocked signal that stays
 * pending until unblocked, an ignored signal, the signal mask inside a handler, and SIGSEGV from
 * stores to a read-only and to an unmapped page, left through siglongjmp. Handlers return through
 * rt_sigreturn (via the kernel's trampoline for glibc; musl 1.2.3 passes its own restorer), so
 * registers must survive the round trip.
 * Exit status: 0 when every check passes, 1 otherwise.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "check.h"

static volatile sig_atomic_t usr1_count, usr2_count, segv_count;
static volatile int last_code, last_signo, self_blocked_inside;
static volatile uintptr_t fault_addr;
static sigjmp_buf recover;


static void on_usr1(int sig, siginfo_t *info, void *ucontext) {
    (void)ucontext;
    usr1_count++;
    last_signo = info->si_signo;
    last_code = info->si_code;
    sigset_t now;
    sigprocmask(SIG_BLOCK, NULL, &now);
    self_blocked_inside = sigismember(&now, sig);
}

static void on_usr2(int sig) {
    (void)sig;
    usr2_count++;
}

static void on_segv(int sig, siginfo_t *info, void *ucontext) {
    (void)sig;
    (void)ucontext;
    segv_count++;
    fault_addr = (uintptr_t)info->si_addr;
    last_code = info->si_code;
    siglongjmp(recover, 1);
}

int main(void) {
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = on_usr1;
    sa.sa_flags = SA_SIGINFO;
    /* sa_mask stays empty: riscv64 Linux's struct sigaction has no sa_restorer, qemu-user 7.2
     * and musl 1.2.3 assume one, so where the kernel reads sa_mask differs between them. */
    sigemptyset(&sa.sa_mask);
    check(sigaction(SIGUSR1, &sa, NULL) == 0, "sigaction(SIGUSR1) succeeds");

    volatile double live_fp = 1.5;
    volatile long live_int = 12345;
    /* kill(2) delivers on its own return, with the mask untouched (glibc's raise() blocks
     * everything around tgkill, which qemu-user then handles differently from Linux). */
    check(kill(getpid(), SIGUSR1) == 0, "kill(getpid(), SIGUSR1) succeeds");
    check(usr1_count == 1, "the SIGUSR1 handler ran once");
    check(last_signo == SIGUSR1, "si_signo is SIGUSR1");
    check(last_code == SI_USER, "si_code is SI_USER");
    check(self_blocked_inside, "the signal itself is blocked inside its handler");
    check(live_fp == 1.5 && live_int == 12345, "registers survive the handler");
    check(raise(SIGUSR1) == 0, "raise(SIGUSR1) succeeds");
    check(usr1_count == 2, "the handler ran again");
    check(last_code == SI_TKILL, "si_code is SI_TKILL after raise");

    struct sigaction old;
    signal(SIGUSR2, on_usr2);
    sigset_t block, pending, saved;
    sigemptyset(&block);
    sigaddset(&block, SIGUSR2);
    check(sigprocmask(SIG_BLOCK, &block, &saved) == 0, "sigprocmask blocks SIGUSR2");
    raise(SIGUSR2);
    check(usr2_count == 0, "a blocked SIGUSR2 is not delivered");
    sigpending(&pending);
    check(sigismember(&pending, SIGUSR2), "it is pending");
    sigprocmask(SIG_SETMASK, &saved, NULL);
    check(usr2_count == 1, "unblocking delivers it");
    sigpending(&pending);
    check(!sigismember(&pending, SIGUSR2), "and it is no longer pending");

    signal(SIGUSR2, SIG_IGN);
    raise(SIGUSR2);
    check(usr2_count == 1, "an ignored SIGUSR2 does nothing");
    check(sigaction(SIGUSR2, NULL, &old) == 0 && old.sa_handler == SIG_IGN, "sigaction reads back SIG_IGN");

    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = on_segv;
    sa.sa_flags = SA_SIGINFO;
    sigaction(SIGSEGV, &sa, NULL);
    char *page = mmap(NULL, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (sigsetjmp(recover, 1) == 0) {
        *(volatile char *)(page + 16) = 1;
        check(0, "a store to a read-only page faults");
    }
    check(segv_count == 1, "a store to a read-only page raises SIGSEGV");
    check(fault_addr == (uintptr_t)(page + 16), "si_addr is the faulting address");
    printf("SIGSEGV si_code=%d (SEGV_MAPERR=%d, SEGV_ACCERR=%d)\n", last_code, SEGV_MAPERR, SEGV_ACCERR);
    munmap(page, 4096);
    if (sigsetjmp(recover, 1) == 0) {
        *(volatile char *)(page + 8) = 1;
        check(0, "a store to an unmapped page faults");
    }
    check(segv_count == 2, "a store to an unmapped page raises SIGSEGV");
    printf("SIGSEGV si_code=%d\n", last_code);
    sigset_t after;
    sigprocmask(SIG_BLOCK, NULL, &after);
    check(!sigismember(&after, SIGSEGV), "siglongjmp restored the mask");

    printf("failures=%d\n", failures);
    return failures ? 1 : 0;
}
