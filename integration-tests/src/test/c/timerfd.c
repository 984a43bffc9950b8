/*
 * timerfd: a one-shot timer read after it fires (blocking read), an interval timer counting several
 * expirations, non-blocking reads (EAGAIN), timerfd_gettime of armed and disarmed timers, an absolute
 * CLOCK_MONOTONIC time, disarming, poll and epoll readiness, and the errors EINVAL (clock, settime flags, nsec,
 * a non-timerfd fd), EBADF. (An unknown timerfd_create flag is not checked: qemu-riscv64 drops it.) Prints facts that hold on any machine: counts are
 * checked against ranges, never printed.
 * Exit status: 0 when every check passes, 1 otherwise.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <poll.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/timerfd.h>
#include <time.h>
#include <unistd.h>

#include "check.h"

static struct itimerspec spec(long value_ms, long interval_ms) {
    struct itimerspec s;
    s.it_value.tv_sec = value_ms / 1000;
    s.it_value.tv_nsec = (value_ms % 1000) * 1000000L;
    s.it_interval.tv_sec = interval_ms / 1000;
    s.it_interval.tv_nsec = (interval_ms % 1000) * 1000000L;
    return s;
}

static long long now_ms(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1000LL + t.tv_nsec / 1000000;
}

int main(void) {
    int fd = timerfd_create(CLOCK_MONOTONIC, 0);
    check(fd >= 0, "timerfd_create CLOCK_MONOTONIC");
    struct itimerspec s = spec(50, 0), old;
    long long start = now_ms();
    check(timerfd_settime(fd, 0, &s, &old) == 0, "arm a 50 ms one-shot timer");
    check(old.it_value.tv_sec == 0 && old.it_value.tv_nsec == 0, "the old setting was disarmed");
    struct itimerspec cur;
    check(timerfd_gettime(fd, &cur) == 0 && cur.it_value.tv_sec == 0 && cur.it_value.tv_nsec > 0
              && cur.it_value.tv_nsec <= 50000000L, "gettime shows at most 50 ms left");
    uint64_t count = 0;
    check(read(fd, &count, sizeof count) == 8, "a blocking read returns 8 bytes");
    check(count == 1, "one expiration");
    check(now_ms() - start >= 49, "after the timer's time");
    check(timerfd_gettime(fd, &cur) == 0 && cur.it_value.tv_sec == 0 && cur.it_value.tv_nsec == 0,
          "a fired one-shot timer is disarmed");
    check(read(fd, &count, 4) == -1 && errno == EINVAL, "a read of fewer than 8 bytes is EINVAL");
    check(write(fd, &count, 8) == -1 && errno == EINVAL, "a write is EINVAL");
    close(fd);

    fd = timerfd_create(CLOCK_MONOTONIC, TFD_NONBLOCK | TFD_CLOEXEC);
    check(fd >= 0, "timerfd_create with TFD_NONBLOCK|TFD_CLOEXEC");
    check(read(fd, &count, 8) == -1 && errno == EAGAIN, "a non-blocking read of a disarmed timer is EAGAIN");
    s = spec(10, 10);
    check(timerfd_settime(fd, 0, &s, NULL) == 0, "arm a 10 ms interval timer");
    struct timespec nap = {0, 75000000L};
    nanosleep(&nap, NULL);
    check(read(fd, &count, 8) == 8 && count >= 3, "several expirations counted after 75 ms");
    check(timerfd_gettime(fd, &cur) == 0 && cur.it_interval.tv_nsec == 10000000L, "gettime shows the interval");
    struct pollfd p = {fd, POLLIN, 0};
    check(poll(&p, 1, 1000) == 1 && (p.revents & POLLIN), "poll waits until the next expiration");
    int ep = epoll_create1(0);
    struct epoll_event ev = {.events = EPOLLIN, .data.u64 = 7};
    check(epoll_ctl(ep, EPOLL_CTL_ADD, fd, &ev) == 0, "epoll_ctl ADD a timerfd");
    struct epoll_event got;
    check(epoll_wait(ep, &got, 1, 1000) == 1 && got.data.u64 == 7, "epoll_wait reports it");
    s = spec(0, 0);
    check(timerfd_settime(fd, 0, &s, &old) == 0 && old.it_interval.tv_nsec == 10000000L,
          "disarm returns the old interval");
    check(read(fd, &count, 8) == -1 && errno == EAGAIN, "disarming drops pending expirations");
    close(ep);

    struct timespec mono;
    clock_gettime(CLOCK_MONOTONIC, &mono);
    struct itimerspec abs = {{0, 0}, mono};
    abs.it_value.tv_nsec += 20000000L;
    if (abs.it_value.tv_nsec >= 1000000000L) {
        abs.it_value.tv_sec++;
        abs.it_value.tv_nsec -= 1000000000L;
    }
    check(timerfd_settime(fd, TFD_TIMER_ABSTIME, &abs, NULL) == 0, "arm at an absolute CLOCK_MONOTONIC time");
    p.revents = 0;
    check(poll(&p, 1, 1000) == 1 && read(fd, &count, 8) == 8 && count == 1, "it fires once");
    abs.it_value.tv_sec = 0;
    abs.it_value.tv_nsec = 1;
    check(timerfd_settime(fd, TFD_TIMER_ABSTIME, &abs, NULL) == 0 && read(fd, &count, 8) == 8 && count == 1,
          "an absolute time in the past fires at once");
    close(fd);

    check(timerfd_create(12345, 0) == -1 && errno == EINVAL, "an unknown clock is EINVAL");
    fd = timerfd_create(CLOCK_REALTIME, 0);
    check(fd >= 0, "timerfd_create CLOCK_REALTIME");
    s = spec(10, 0);
    s.it_value.tv_nsec = 1000000000L;
    check(timerfd_settime(fd, 0, &s, NULL) == -1 && errno == EINVAL, "tv_nsec of 1e9 is EINVAL");
    s = spec(10, 0);
    check(timerfd_settime(fd, TFD_TIMER_CANCEL_ON_SET, &s, NULL) == 0, "CANCEL_ON_SET without ABSTIME is ignored");
    check(timerfd_settime(fd, 0x10, &s, NULL) == -1 && errno == EINVAL, "an unknown settime flag is EINVAL");
    close(fd);
    check(timerfd_settime(99, 0, &s, NULL) == -1 && errno == EBADF, "a closed fd is EBADF");
    check(timerfd_gettime(0, &cur) == -1 && errno == EINVAL, "a fd that is no timerfd is EINVAL");
    return failures != 0;
}
