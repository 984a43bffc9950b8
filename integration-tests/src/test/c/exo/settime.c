/*
 * clock_settime(2) and settimeofday(2) set the machine's clock, not the host's: clock_gettime, gettimeofday,
 * an absolute sleep, a forked child and a new file's times all follow; an unprivileged process gets EPERM;
 * clocks that cannot be set and bad values are EINVAL. The host's time is set back at the end.
 * (Exo-only: under qemu-user the call would set the host's clock.)
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "../check.h"

#define Y2030 1893542400L /* 2030-01-02T00:00:00Z */
#define FILE_PATH "/tmp/settime-file"

/* Within a second of the time set (and the few instructions since). */
static int near(long seconds, long want) { return seconds >= want && seconds <= want + 1; }

static long realtime_seconds(void) {
    struct timespec now;
    return clock_gettime(CLOCK_REALTIME, &now) == 0 ? now.tv_sec : -1;
}

static int child_status(pid_t child) {
    int status = 0;
    waitpid(child, &status, 0);
    return WIFEXITED(status) ? WEXITSTATUS(status) : 100;
}

int main(void) {
    struct timespec host, boot, now;
    check(clock_gettime(CLOCK_REALTIME, &host) == 0 && clock_gettime(CLOCK_MONOTONIC, &boot) == 0,
          "read the host's time");

    struct timespec y2030 = {Y2030, 0};
    check(clock_settime(CLOCK_REALTIME, &y2030) == 0, "clock_settime as root");
    check(near(realtime_seconds(), Y2030), "clock_gettime shows the time set");
    struct timeval tv;
    check(gettimeofday(&tv, NULL) == 0 && near(tv.tv_sec, Y2030), "gettimeofday agrees");
    check(near(time(NULL), Y2030), "time agrees");
    check(clock_gettime(CLOCK_MONOTONIC, &now) == 0 && now.tv_sec - boot.tv_sec < 5, "CLOCK_MONOTONIC did not jump");

    int fd = open(FILE_PATH, O_CREAT | O_WRONLY | O_TRUNC, 0644);
    check(fd >= 0 && write(fd, "x", 1) == 1 && close(fd) == 0, "create a file");
    struct stat st;
    check(stat(FILE_PATH, &st) == 0 && near(st.st_mtime, Y2030) && near(st.st_ctime, Y2030)
          && near(st.st_atime, Y2030), "the new file's times are the machine's");

    struct timespec until;
    clock_gettime(CLOCK_REALTIME, &until);
    until.tv_nsec += 100000000L;
    if (until.tv_nsec >= 1000000000L) { until.tv_sec++; until.tv_nsec -= 1000000000L; }
    struct timespec slept_from, slept_to;
    clock_gettime(CLOCK_MONOTONIC, &slept_from);
    check(clock_nanosleep(CLOCK_REALTIME, TIMER_ABSTIME, &until, NULL) == 0, "an absolute realtime sleep");
    clock_gettime(CLOCK_MONOTONIC, &slept_to);
    check(slept_to.tv_sec - slept_from.tv_sec < 5, "ends by the machine's clock");

    pid_t child = fork();
    if (child == 0) _exit(near(realtime_seconds(), Y2030) ? 0 : 1);
    check(child_status(child) == 0, "a forked child sees the time set");

    child = fork();
    if (child == 0) {
        if (setuid(1000) != 0) _exit(2);
        errno = 0;
        if (!(clock_settime(CLOCK_REALTIME, &y2030) == -1 && errno == EPERM)) _exit(3);
        struct timeval later = {Y2030 + 3600, 0};
        errno = 0;
        if (!(settimeofday(&later, NULL) == -1 && errno == EPERM)) _exit(4);
        _exit(near(realtime_seconds(), Y2030) ? 0 : 5);
    }
    check(child_status(child) == 0, "an unprivileged process gets EPERM");

    errno = 0;
    check(clock_settime(CLOCK_MONOTONIC, &y2030) == -1 && errno == EINVAL, "CLOCK_MONOTONIC cannot be set");
    struct timespec bad = {Y2030, 1000000000L};
    errno = 0;
    check(clock_settime(CLOCK_REALTIME, &bad) == -1 && errno == EINVAL, "tv_nsec of a whole second is EINVAL");
    bad.tv_nsec = -1;
    errno = 0;
    check(clock_settime(CLOCK_REALTIME, &bad) == -1 && errno == EINVAL, "a negative tv_nsec is EINVAL");
    check(near(realtime_seconds(), Y2030), "and the clock is unchanged");

    struct timeval later = {Y2030 + 3600, 0};
    check(settimeofday(&later, NULL) == 0 && near(realtime_seconds(), Y2030 + 3600), "settimeofday sets it too");
    check(unlink(FILE_PATH) == 0, "remove the file");

    /* Back to the host's time: what was read first, plus the time run since. */
    check(clock_gettime(CLOCK_MONOTONIC, &now) == 0, "read the time run");
    struct timespec restore = {host.tv_sec + (now.tv_sec - boot.tv_sec), host.tv_nsec + (now.tv_nsec - boot.tv_nsec)};
    if (restore.tv_nsec < 0) { restore.tv_sec--; restore.tv_nsec += 1000000000L; }
    if (restore.tv_nsec >= 1000000000L) { restore.tv_sec++; restore.tv_nsec -= 1000000000L; }
    check(clock_settime(CLOCK_REALTIME, &restore) == 0 && near(realtime_seconds(), restore.tv_sec),
          "the host's time is set back");
    return failures != 0;
}
