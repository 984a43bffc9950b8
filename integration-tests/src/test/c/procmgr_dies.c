/*
 * The client side of "a procmgr server killed with kill -9 turns fork into EAGAIN and wait into EIO".
 *
 * With no arguments (how the qemu/exo comparison runs every program) it forks one child, waits for it and exits 0.
 * With "until-error" it prints "ready", then forks and waits for a child (which exits at once) again and again until
 * fork or waitpid fails: the test kills the procmgr server process meanwhile. It reports which call failed and its
 * errno, then the errno of one more fork, and exits 0 only if the failure was fork's EAGAIN or wait's EIO and the
 * last fork gave EAGAIN. Sixty seconds without a failure ends the loop, so it can never hang a test.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define GIVE_UP_SECONDS 60

static long seconds_now(void) {
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (long)now.tv_sec;
}

/* One fork whose child exits at once, and the wait for it: 0, or -1 with *failed naming the call (errno set). */
static int fork_and_wait(const char **failed) {
    pid_t child = fork();
    if (child < 0) {
        *failed = "fork";
        return -1;
    }
    if (child == 0) _exit(0);
    int status;
    if (waitpid(child, &status, 0) != child) {
        *failed = "wait";
        return -1;
    }
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        printf("child %d: unexpected status 0x%x\n", (int)child, status);
        *failed = "child";
        errno = 0;
        return -1;
    }
    return 0;
}

int main(int argc, char **argv) {
    const char *failed = "";
    if (argc < 2 || strcmp(argv[1], "until-error") != 0) {
        if (fork_and_wait(&failed) != 0) {
            printf("%s failed: errno=%d\n", failed, errno);
            return 1;
        }
        printf("forked and reaped one child\n");
        return 0;
    }

    printf("ready\n");
    fflush(stdout);
    long deadline = seconds_now() + GIVE_UP_SECONDS;
    int failed_errno;
    for (;;) {
        if (fork_and_wait(&failed) != 0) {
            failed_errno = errno;
            break;
        }
        if (seconds_now() > deadline) {
            printf("no fork or wait failed within %d s\n", GIVE_UP_SECONDS);
            return 1;
        }
    }
    printf("%s failed: errno=%d\n", failed, failed_errno);
    fflush(stdout);

    int after_errno = 0;
    pid_t child = fork();
    if (child == 0) _exit(0);
    if (child < 0) {
        after_errno = errno;
        printf("fork after: errno=%d\n", after_errno);
    } else {
        printf("fork after: ok\n");
    }
    int expected = (strcmp(failed, "fork") == 0 && failed_errno == EAGAIN)
                   || (strcmp(failed, "wait") == 0 && failed_errno == EIO);
    return expected && after_errno == EAGAIN ? 0 : 1;
}
