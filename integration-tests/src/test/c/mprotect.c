/*
 * mprotect and the faults it causes: a store to a page made read-only raises SIGSEGV with si_addr the
 * faulting byte and si_code SEGV_ACCERR; a load from a PROT_NONE page likewise; an access to an unmapped
 * page is SEGV_MAPERR; restoring PROT_WRITE makes the store work; the errors EINVAL (unaligned address,
 * unknown bits) and ENOMEM (an unmapped range) come back as in Linux.
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
#include <sys/syscall.h>
#include <unistd.h>

#include "check.h"

#define PAGE 4096

static sigjmp_buf recover;
static volatile uintptr_t fault_addr;
static volatile int fault_code, fault_signal;

static void on_fault(int sig, siginfo_t *info, void *ctx) {
    (void) ctx;
    fault_signal = sig;
    fault_addr = (uintptr_t) info->si_addr;
    fault_code = info->si_code;
    siglongjmp(recover, 1);
}

/* Stores (or loads) one byte at p; 1 when that faulted. */
static int faults(volatile char *p, int store) {
    fault_signal = 0;
    if (sigsetjmp(recover, 1) == 0) {
        if (store) *p = 7;
        else (void) *p;
        return 0;
    }
    return 1;
}

int main(void) {
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = on_fault;
    sa.sa_flags = SA_SIGINFO;
    sigaction(SIGSEGV, &sa, NULL);

    char *p = mmap(NULL, 3 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    check(p != MAP_FAILED, "mmap of 3 read-write pages");
    if (p == MAP_FAILED) return 1;
    memset(p, 1, 3 * PAGE);
    check(mprotect(p + PAGE, PAGE, PROT_READ) == 0, "mprotect(PROT_READ) of the middle page");
    check(faults(p + PAGE + 123, 1), "a store to it faults");
    check(fault_signal == SIGSEGV, "with SIGSEGV");
    check(fault_addr == (uintptr_t) (p + PAGE + 123), "si_addr is the faulting byte");
    check(fault_code == SEGV_ACCERR, "si_code is SEGV_ACCERR");
    check(!faults(p + PAGE + 5, 0) && p[PAGE + 5] == 1, "a load from it works");
    check(!faults(p + 2 * PAGE, 1) && !faults(p, 1), "its neighbours stay writable");

    check(mprotect(p + PAGE, PAGE, PROT_NONE) == 0, "mprotect(PROT_NONE)");
    check(faults(p + PAGE + 8, 0) && fault_code == SEGV_ACCERR && fault_addr == (uintptr_t) (p + PAGE + 8),
          "a load from a PROT_NONE page is SEGV_ACCERR at its address");
    check(mprotect(p + PAGE, PAGE, PROT_READ | PROT_WRITE) == 0, "mprotect back to read-write");
    check(!faults(p + PAGE + 123, 1) && p[PAGE + 123] == 7, "the store now works");

    check(munmap(p + PAGE, PAGE) == 0, "munmap of the middle page");
    check(faults(p + PAGE + 64, 1) && fault_code == SEGV_MAPERR && fault_addr == (uintptr_t) (p + PAGE + 64),
          "a store to the hole is SEGV_MAPERR at its address");

    errno = 0; /* the raw call: musl's wrapper rounds the address down itself */
    check(syscall(SYS_mprotect, p + 1, PAGE, PROT_READ) == -1 && errno == EINVAL, "an unaligned address is EINVAL");
    errno = 0;
    check(mprotect(p, PAGE, 0x40) == -1 && errno == EINVAL, "an unknown protection bit is EINVAL");
    errno = 0;
    check(mprotect(p, 3 * PAGE, PROT_READ) == -1 && errno == ENOMEM, "a range with a hole is ENOMEM");
    check(mprotect(p, PAGE, PROT_READ) == 0 && faults(p, 1) && fault_code == SEGV_ACCERR,
          "the mapped part alone can be protected");
    printf("failures=%d\n", failures);
    return failures ? 1 : 0;
}
