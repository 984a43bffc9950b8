/* preempt.c: preemption and the interactive class. Two CPU-bound children spin while two others sleep 1 ms
 * and wake, over and over: the interactive one does almost nothing between sleeps, the busy one computes for
 * about 4 ms first. Both spinners must make progress during the sleepers' run (the timer tick preempts them:
 * neither would yield), and every child must finish. The median wake-up latency of each sleeper is printed
 * for SchedulerOnHartsTest, which runs this on --cpus 1 and expects the interactive sleeper (short bursts:
 * the interactive class, whose wake-up preempts a spinner) to wake sooner than the busy one (which waits for
 * a slice to end). Exo-only: the latencies are the scheduler's, not facts to compare with qemu. */
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "../check.h"

#define WAKES 24
#define SLEEP_NS 1000000L
#define BUSY_NS 4000000L

struct shared {
    volatile long spins[2];
    volatile int stop;
    long latency_ns[2][WAKES];
    long spins_at_half[2], spins_at_end[2];
};

static long now_ns(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1000000000L + t.tv_nsec;
}

static int by_value(const void *a, const void *b) {
    long x = *(const long *) a, y = *(const long *) b;
    return x < y ? -1 : x > y;
}

/* Sleeper 0 is interactive; sleeper 1 computes for BUSY_NS before each sleep. */
static void sleeper(struct shared *s, int which) {
    for (int i = 0; i < WAKES; i++) {
        if (which == 0 && i == WAKES / 2) {
            s->spins_at_half[0] = s->spins[0];
            s->spins_at_half[1] = s->spins[1];
        }
        if (which == 1) {
            long until = now_ns() + BUSY_NS;
            while (now_ns() < until) {
            }
        }
        struct timespec d = {0, SLEEP_NS};
        long before = now_ns();
        nanosleep(&d, NULL);
        s->latency_ns[which][i] = now_ns() - before - SLEEP_NS;
    }
    if (which == 0) {
        s->spins_at_end[0] = s->spins[0];
        s->spins_at_end[1] = s->spins[1];
    }
    _exit(0);
}

int main(void) {
    struct shared *s = mmap(NULL, sizeof *s, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    check(s != MAP_FAILED, "shared page mapped");
    if (s == MAP_FAILED) return 1;
    memset(s, 0, sizeof *s);
    pid_t spinner[2], sleeping[2];
    for (int i = 0; i < 2; i++) {
        spinner[i] = fork();
        if (spinner[i] == 0) {
            while (!s->stop) s->spins[i]++;
            _exit(0);
        }
    }
    for (int i = 0; i < 2; i++) {
        sleeping[i] = fork();
        if (sleeping[i] == 0) sleeper(s, i);
    }
    int status, ended = 0;
    for (int i = 0; i < 2; i++) ended += waitpid(sleeping[i], &status, 0) == sleeping[i] && WIFEXITED(status);
    check(ended == 2, "both sleepers ended");
    s->stop = 1;
    for (int i = 0; i < 2; i++) waitpid(spinner[i], &status, 0);

    check(s->spins_at_end[0] > s->spins_at_half[0], "spinner 1 progressed in the interactive sleeper's second half");
    check(s->spins_at_end[1] > s->spins_at_half[1], "spinner 2 progressed in the interactive sleeper's second half");
    int negative = 0;
    for (int w = 0; w < 2; w++)
        for (int i = 0; i < WAKES; i++) negative |= s->latency_ns[w][i] < 0;
    check(!negative, "no sleep ended early");
    for (int w = 0; w < 2; w++) qsort(s->latency_ns[w], WAKES, sizeof s->latency_ns[w][0], by_value);
    printf("interactive median wake-up latency us: %ld\n", s->latency_ns[0][WAKES / 2] / 1000);
    printf("busy median wake-up latency us: %ld\n", s->latency_ns[1][WAKES / 2] / 1000);
    return failures != 0;
}
