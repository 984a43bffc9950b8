/*
 * CPU time accounting: getrusage(RUSAGE_SELF/THREAD/CHILDREN), times(2) and wait4's rusage see time spent
 * computing (the scheduler's tick charges it, as Linux's does), and minor faults count pages first touched.
 * The thresholds are a tenth of the wall time spent, so a loaded host does not fail them.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/times.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "../check.h"

static long ms(struct timeval tv) { return tv.tv_sec * 1000 + tv.tv_usec / 1000; }

static long now_ms(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

static volatile unsigned long sink;

static void spin(long millis) {
    long end = now_ms() + millis;
    while (now_ms() < end) {
        for (int i = 0; i < 100000; i++) sink += i * 7;
    }
}

int main(void) {
    struct rusage ru;
    spin(400);
    check(getrusage(RUSAGE_SELF, &ru) == 0, "getrusage(RUSAGE_SELF)");
    check(ms(ru.ru_utime) + ms(ru.ru_stime) >= 40, "400 ms of computing shows as CPU time");
    check(ms(ru.ru_utime) <= 60000, "and not absurdly more");
    struct rusage th;
    check(getrusage(RUSAGE_THREAD, &th) == 0 && ms(th.ru_utime) + ms(th.ru_stime) >= 40, "RUSAGE_THREAD too");

    long before = ru.ru_minflt;
    char *m = mmap(NULL, 64 * 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    for (int i = 0; i < 64; i++) m[i * 4096] = 1;
    getrusage(RUSAGE_SELF, &ru);
    check(ru.ru_minflt - before >= 64, "touching 64 fresh pages counts 64 minor faults");
    munmap(m, 64 * 4096);

    struct rusage none;
    check(getrusage(RUSAGE_CHILDREN, &none) == 0 && ms(none.ru_utime) + ms(none.ru_stime) == 0,
          "no child reaped yet: RUSAGE_CHILDREN is zero");
    pid_t child = fork();
    if (child == 0) {
        spin(300);
        _exit(0);
    }
    struct rusage cr;
    int status;
    check(wait4(child, &status, 0, &cr) == child && WIFEXITED(status), "wait4 reaps the child");
    check(ms(cr.ru_utime) + ms(cr.ru_stime) >= 30, "wait4's rusage shows the child's computing");
    struct rusage children;
    check(getrusage(RUSAGE_CHILDREN, &children) == 0 && ms(children.ru_utime) == ms(cr.ru_utime),
          "RUSAGE_CHILDREN now holds the reaped child's time");

    struct tms t;
    clock_t elapsed = times(&t);
    check(elapsed != (clock_t) -1, "times() returns the ticks since boot");
    long hz = sysconf(_SC_CLK_TCK);
    check(hz == 100, "CLK_TCK is 100");
    check((t.tms_utime + t.tms_stime) * 1000 / hz >= 40 && (t.tms_cutime + t.tms_cstime) * 1000 / hz >= 30,
          "times() agrees: own and children's ticks");
    errno = 0;
    check(getrusage(99, &ru) == -1 && errno == EINVAL, "an unknown who is EINVAL");
    return failures != 0;
}
