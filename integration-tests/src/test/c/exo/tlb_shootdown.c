/*
 * TLB shootdown across harts: one thread keeps storing into a page while another unmaps it and maps fresh
 * pages (never at the old address). Once munmap has returned, no store of the writer may reach the unmapped
 * frame: the allocator hands freed frames out again at once (last in, first out), so a stale translation on
 * the writer's hart would show up as a fresh anonymous page that is not all zeros. The writer's stores after the unmap must fault
 * (SIGSEGV, caught and skipped), never land.
 */
#define _GNU_SOURCE
#include <pthread.h>
#include <setjmp.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>
#include "../check.h"

#define PAGE 4096
#define ROUNDS 1000
#define FRESH 8

static volatile uint64_t *target;       /* the page the writer stores into */
static atomic_int stop;
static atomic_long faults, stores;
static __thread sigjmp_buf recover;

static void on_segv(int sig) { (void) sig; siglongjmp(recover, 1); }

static void *writer(void *arg) {
    (void) arg;
    struct sigaction sa = {0};
    sa.sa_handler = on_segv;
    sa.sa_flags = SA_NODEFER;
    sigaction(SIGSEGV, &sa, NULL);
    while (!atomic_load(&stop)) {
        if (sigsetjmp(recover, 1)) {
            atomic_fetch_add(&faults, 1);
            continue;
        }
        volatile uint64_t *p = target;
        for (int i = 0; i < 64 && !atomic_load_explicit(&stop, memory_order_relaxed); i++) {
            p[(i * 67) % (PAGE / 8)] = 0xA5A5A5A5A5A5A5A5ull;
        }
        atomic_fetch_add(&stores, 1);
    }
    return NULL;
}

int main(void) {
    void *page = mmap(NULL, PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    check(page != MAP_FAILED, "mmap the target page");
    target = page;
    pthread_t t;
    check(pthread_create(&t, NULL, writer, NULL) == 0, "writer thread created");
    long dirty = 0;
    for (int round = 0; round < ROUNDS; round++) {
        void *where = (void *) target;
        /* Let the writer store for a while, then take its page away. */
        for (volatile int spin = 0; spin < 200; spin++) {}
        munmap(where, PAGE);
        /* Fresh pages must read as zeros: one of them most likely got the frame just freed. */
        for (int i = 0; i < FRESH; i++) {
            uint64_t *fresh = mmap(NULL, PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
            if (fresh == MAP_FAILED) { check(0, "mmap a fresh page"); return 1; }
            /* The writer still aims at the old address: a fresh page placed there is its to store into. */
            if ((void *) fresh == where) { munmap(fresh, PAGE); continue; }
            for (int w = 0; w < PAGE / 8; w++) {
                if (fresh[w] != 0) { dirty++; break; }
            }
            munmap(fresh, PAGE);
        }
        /* Give the writer its page back, at the same address. */
        void *again = mmap(where, PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
        if (again != where) { check(0, "remap the target page"); return 1; }
    }
    atomic_store(&stop, 1);
    pthread_join(t, NULL);
    printf("writer stored %s, and faulted after unmaps %s\n", stores > 0 ? "yes" : "no", faults > 0 ? "yes" : "no");
    check(dirty == 0, "no fresh page shows a store made after its frame was unmapped");
    if (dirty) printf("dirty fresh pages: %ld\n", dirty);
    return failures;
}
