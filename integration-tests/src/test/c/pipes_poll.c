/*
 * Pipes, eventfds, poll/ppoll/select/pselect and epoll in one process: pipe2 flags, data, end of file,
 * EPIPE with SIGPIPE ignored and caught, EAGAIN on an empty and on a full non-blocking pipe, PIPE_BUF
 * atomicity, packet mode, the pipe size, readiness through every waiting call (zero and short timeouts,
 * POLLNVAL, POLLHUP, POLLERR), a signal ending pselect6/ppoll under a temporary mask, eventfd counter and
 * semaphore modes, epoll level- and edge-triggered and one-shot, and the errors of each.
 * Exit status: 0 when every check passes, 1 otherwise.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/select.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "check.h"

static volatile sig_atomic_t sigpipe_count, usr1_count;

static void on_sigpipe(int sig) { (void)sig; sigpipe_count++; }
static void on_usr1(int sig) { (void)sig; usr1_count++; }

static long elapsed_ms(const struct timespec *a) {
    struct timespec b;
    clock_gettime(CLOCK_MONOTONIC, &b);
    return (b.tv_sec - a->tv_sec) * 1000 + (b.tv_nsec - a->tv_nsec) / 1000000;
}

static short poll_one(int fd, short events, int timeout) {
    struct pollfd p = {.fd = fd, .events = events, .revents = -1};
    int n = poll(&p, 1, timeout);
    return n < 0 ? -1 : p.revents;
}

static void set_handler(int sig, void (*h)(int)) {
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = h;
    sigemptyset(&sa.sa_mask);
    sigaction(sig, &sa, NULL);
}

static char big[70000];

static void pipes(void) {
    int p[2];
    char buf[128];
    check(pipe2(p, O_CLOEXEC | O_NONBLOCK) == 0, "pipe2(O_CLOEXEC|O_NONBLOCK) succeeds");
    check(fcntl(p[0], F_GETFD) == FD_CLOEXEC && fcntl(p[1], F_GETFD) == FD_CLOEXEC, "both ends are close-on-exec");
    check(fcntl(p[0], F_GETFL) == (O_RDONLY | O_NONBLOCK), "read end is O_RDONLY|O_NONBLOCK");
    check(fcntl(p[1], F_GETFL) == (O_WRONLY | O_NONBLOCK), "write end is O_WRONLY|O_NONBLOCK");
    struct stat st;
    check(fstat(p[0], &st) == 0 && S_ISFIFO(st.st_mode), "fstat says FIFO");
    check(read(p[0], buf, sizeof buf) == -1 && errno == EAGAIN, "read of an empty non-blocking pipe is EAGAIN");
    check(write(p[1], "hello", 5) == 5, "write 5 bytes");
    check(write(p[1], " world", 6) == 6, "write 6 more");
    check(read(p[0], buf, 3) == 3 && memcmp(buf, "hel", 3) == 0, "read 3 gives the first 3");
    check(read(p[0], buf, sizeof buf) == 8 && memcmp(buf, "lo world", 8) == 0, "read gives the rest in order");
    check(read(p[1], buf, 1) == -1 && errno == EBADF, "reading the write end is EBADF");
    check(write(p[0], "x", 1) == -1 && errno == EBADF, "writing the read end is EBADF");
    check(lseek(p[0], 0, SEEK_SET) == -1 && errno == ESPIPE, "lseek on a pipe is ESPIPE");

    check(fcntl(p[0], F_GETPIPE_SZ) == 65536, "F_GETPIPE_SZ is 65536");
    check(fcntl(p[1], F_SETPIPE_SZ, 100000) == 131072, "F_SETPIPE_SZ 100000 rounds to 131072");
    check(fcntl(p[0], F_GETPIPE_SZ) == 131072, "both ends see the new size");
    check(fcntl(p[1], F_SETPIPE_SZ, 1) == 4096, "F_SETPIPE_SZ 1 gives one page");
    check(fcntl(p[1], F_SETPIPE_SZ, 65536) == 65536, "F_SETPIPE_SZ back to 65536");

    /* Fill it: 65536 bytes go in at once, then nothing fits. */
    memset(big, 'z', sizeof big);
    check(write(p[1], big, 65536) == 65536, "a 65536-byte write fills the pipe");
    check(write(p[1], "x", 1) == -1 && errno == EAGAIN, "write to a full non-blocking pipe is EAGAIN");
    check(poll_one(p[1], POLLOUT, 0) == 0, "a full pipe is not writable");
    check(poll_one(p[0], POLLIN, 0) == POLLIN, "a full pipe is readable");
    check(fcntl(p[1], F_SETPIPE_SZ, 4096) == -1 && errno == EBUSY, "shrinking below the data is EBUSY");
    check(read(p[0], big, 4096) == 4096, "read one page");
    check(poll_one(p[1], POLLOUT, 0) == POLLOUT, "one free page makes it writable");
    check(write(p[1], big, 5000) == 4096, "a non-blocking write larger than the room is partial");
    check(read(p[0], big, sizeof big) == 65536, "read drains 65536 bytes");

    /* PIPE_BUF: a write of at most 4096 bytes is all or nothing. */
    check(write(p[1], big, 61440) == 61440, "15 pages in");
    check(write(p[1], big, 4000) == 4000, "4000 bytes in the 16th page");
    check(write(p[1], big, 200) == -1 && errno == EAGAIN, "200 bytes do not fit whole: EAGAIN, nothing written");
    check(write(p[1], big, 96) == 96, "96 bytes fill the last page");
    check(read(p[0], big, sizeof big) == 65536, "the pipe held exactly 65536");

    /* F_SETFL changes O_NONBLOCK and O_APPEND, not the access mode. */
    check(fcntl(p[0], F_SETFL, O_RDWR) == 0, "F_SETFL(O_RDWR) succeeds");
    check(fcntl(p[0], F_GETFL) == O_RDONLY, "the access mode stays, O_NONBLOCK is gone");
    check(fcntl(p[0], F_SETFL, O_NONBLOCK | O_APPEND) == 0 && fcntl(p[0], F_GETFL) == (O_RDONLY | O_NONBLOCK | O_APPEND),
          "F_SETFL sets O_NONBLOCK|O_APPEND");
    check(read(p[0], buf, 1) == -1 && errno == EAGAIN, "O_NONBLOCK set again by F_SETFL: EAGAIN");

    /* A dup keeps the write end open. */
    int w2 = dup(p[1]);
    check(w2 > 2, "dup of the write end");
    check(close(p[1]) == 0, "close the original write end");
    check(poll_one(p[0], POLLIN, 0) == 0, "no hang-up while a dup of the write end lives");
    check(write(w2, "ab", 2) == 2, "write through the dup");
    check(close(w2) == 0, "close the dup");
    check(poll_one(p[0], POLLIN, 0) == (POLLIN | POLLHUP), "data and no writers: POLLIN|POLLHUP");
    check(read(p[0], buf, sizeof buf) == 2, "the data is still read");
    check(read(p[0], buf, sizeof buf) == 0, "then end of file");
    check(poll_one(p[0], POLLIN, 0) == POLLHUP, "empty and no writers: POLLHUP");
    close(p[0]);

    /* EPIPE: ignored SIGPIPE, then caught. */
    check(pipe2(p, 0) == 0, "pipe2(0)");
    check(fcntl(p[0], F_GETFD) == 0 && fcntl(p[0], F_GETFL) == O_RDONLY, "no flags without them");
    close(p[0]);
    signal(SIGPIPE, SIG_IGN);
    check(write(p[1], "x", 1) == -1 && errno == EPIPE, "write without readers is EPIPE (SIGPIPE ignored)");
    check(poll_one(p[1], POLLOUT, 0) == (POLLOUT | POLLERR), "write end without readers: POLLOUT|POLLERR");
    set_handler(SIGPIPE, on_sigpipe);
    check(write(p[1], "x", 1) == -1 && errno == EPIPE, "write without readers is EPIPE (handler)");
    check(sigpipe_count == 1, "the handler saw one SIGPIPE");
    signal(SIGPIPE, SIG_IGN);
    close(p[1]);

    /* Packet mode. */
    check(pipe2(p, O_DIRECT | O_NONBLOCK) == 0, "pipe2(O_DIRECT)");
    check(write(p[1], "abc", 3) == 3 && write(p[1], "defg", 4) == 4, "two packets written");
    check(read(p[0], buf, sizeof buf) == 3, "a read returns one packet");
    check(read(p[0], buf, 2) == 2 && read(p[0], buf, sizeof buf) == -1 && errno == EAGAIN,
          "a short read drops the packet's rest");
    close(p[0]);
    close(p[1]);

    check(pipe2(p, O_TRUNC) == -1 && errno == EINVAL, "pipe2 with a bad flag is EINVAL");
    int fd = open("/dev/null", O_RDONLY);
    check(fcntl(fd, F_GETPIPE_SZ) == -1 && errno == EBADF, "F_GETPIPE_SZ on /dev/null is EBADF");
    check(fcntl(fd, F_SETFL, O_NONBLOCK | O_APPEND | O_WRONLY) == 0, "F_SETFL on /dev/null");
    check((fcntl(fd, F_GETFL) & ~0100000) == (O_RDONLY | O_NONBLOCK | O_APPEND),
          "/dev/null keeps O_RDONLY and gains O_NONBLOCK|O_APPEND (the vfs server keeps them)");
    check(fcntl(fd, F_SETFL, 0) == 0 && (fcntl(fd, F_GETFL) & ~0100000) == O_RDONLY, "F_SETFL(0) clears them");
    close(fd);
}

static void polling(void) {
    int p[2];
    struct timespec t0;
    check(pipe(p) == 0, "pipe()");
    struct pollfd fds[4] = {
        {.fd = p[0], .events = POLLIN}, {.fd = p[1], .events = POLLOUT}, {.fd = -1, .events = POLLIN}, {.fd = 99, .events = POLLIN},
    };
    check(poll(fds, 4, 0) == 2, "poll: write end ready and a closed fd counted");
    check(fds[0].revents == 0 && fds[1].revents == POLLOUT && fds[2].revents == 0 && fds[3].revents == POLLNVAL,
          "poll revents: none, POLLOUT, ignored negative fd, POLLNVAL");
    clock_gettime(CLOCK_MONOTONIC, &t0);
    check(poll(fds, 1, 60) == 0, "poll of an empty pipe times out");
    check(elapsed_ms(&t0) >= 50, "poll waited for its timeout");
    write(p[1], "x", 1);
    check(poll(fds, 1, 1000) == 1 && fds[0].revents == POLLIN, "poll sees data at once");

    struct timespec ts = {0, 0};
    fds[0].revents = -1;
    check(ppoll(fds, 2, &ts, NULL) == 2 && fds[0].revents == POLLIN && fds[1].revents == POLLOUT, "ppoll with a zero timeout");
    ts.tv_nsec = -1;
    check(ppoll(fds, 2, &ts, NULL) == -1 && errno == EINVAL, "ppoll with a bad timespec is EINVAL");
    ts.tv_sec = 0;
    ts.tv_nsec = 40 * 1000 * 1000;
    char c;
    read(p[0], &c, 1);
    clock_gettime(CLOCK_MONOTONIC, &t0);
    check(ppoll(fds, 1, &ts, NULL) == 0, "ppoll of an empty pipe times out");
    check(elapsed_ms(&t0) >= 30, "ppoll waited for its timeout");

    fd_set rd, wr;
    struct timeval tv = {0, 0};
    FD_ZERO(&rd);
    FD_ZERO(&wr);
    FD_SET(p[0], &rd);
    FD_SET(p[1], &wr);
    check(select(p[1] + 1, &rd, &wr, NULL, &tv) == 1, "select: only the write end is ready");
    check(!FD_ISSET(p[0], &rd) && FD_ISSET(p[1], &wr), "select rewrites the sets in place");
    write(p[1], "y", 1);
    FD_ZERO(&rd);
    FD_SET(p[0], &rd);
    tv.tv_usec = 500000;
    check(select(p[0] + 1, &rd, NULL, NULL, &tv) == 1 && FD_ISSET(p[0], &rd), "select sees data");
    FD_ZERO(&rd);
    FD_SET(p[0], &rd);
    FD_SET(60, &rd);
    tv.tv_usec = 0;
    check(select(61, &rd, NULL, NULL, &tv) == -1 && errno == EBADF, "select with a closed fd in a set is EBADF");
    read(p[0], &c, 1);
    FD_ZERO(&rd);
    FD_SET(p[0], &rd);
    ts.tv_sec = 0;
    ts.tv_nsec = 30 * 1000 * 1000;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    check(pselect(p[0] + 1, &rd, NULL, NULL, &ts, NULL) == 0 && !FD_ISSET(p[0], &rd), "pselect times out and clears the set");
    check(elapsed_ms(&t0) >= 20, "pselect waited for its timeout");
    check(select(-1, NULL, NULL, NULL, &tv) == -1 && errno == EINVAL, "select with a negative nfds is EINVAL");

    /* A pending signal blocked by the thread but not by the call's mask ends the wait. */
    set_handler(SIGUSR1, on_usr1);
    sigset_t block, empty, now;
    sigemptyset(&block);
    sigaddset(&block, SIGUSR1);
    sigemptyset(&empty);
    sigprocmask(SIG_BLOCK, &block, NULL);
    raise(SIGUSR1);
    check(usr1_count == 0, "SIGUSR1 stays pending while blocked");
    FD_ZERO(&rd);
    FD_SET(p[0], &rd);
    ts.tv_sec = 5;
    ts.tv_nsec = 0;
    check(pselect(p[0] + 1, &rd, NULL, NULL, &ts, &empty) == -1 && errno == EINTR, "pselect with an unblocking mask is EINTR");
    check(usr1_count == 1, "the handler ran under pselect's mask");
    sigprocmask(SIG_BLOCK, NULL, &now);
    check(sigismember(&now, SIGUSR1), "the old mask is back after pselect");
    raise(SIGUSR1);
    check(ppoll(fds, 1, &ts, &empty) == -1 && errno == EINTR && usr1_count == 2, "ppoll with an unblocking mask is EINTR");
    sigprocmask(SIG_BLOCK, NULL, &now);
    check(sigismember(&now, SIGUSR1), "the old mask is back after ppoll");
    ts.tv_sec = 0;
    check(ppoll(fds, 1, &ts, &block) == 0, "ppoll with a blocking mask just times out");
    sigprocmask(SIG_UNBLOCK, &block, NULL);

    close(p[1]);
    check(poll_one(p[0], POLLIN, 0) == POLLHUP, "poll: a pipe without writers says POLLHUP");
    close(p[0]);
    int fd = open("/dev/null", O_RDWR);
    check(poll_one(fd, POLLIN | POLLOUT, 0) == (POLLIN | POLLOUT), "/dev/null is always ready");
    close(fd);
}

static void eventfds(void) {
    uint64_t v;
    int e = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
    check(e >= 0, "eventfd(0, EFD_NONBLOCK|EFD_CLOEXEC)");
    check(fcntl(e, F_GETFD) == FD_CLOEXEC && fcntl(e, F_GETFL) == (O_RDWR | O_NONBLOCK), "eventfd flags");
    check(read(e, &v, 8) == -1 && errno == EAGAIN, "reading a zero counter is EAGAIN");
    check(poll_one(e, POLLIN | POLLOUT, 0) == POLLOUT, "a zero counter is writable only");
    v = 3;
    check(write(e, &v, 8) == 8, "write 3");
    v = 4;
    check(write(e, &v, 8) == 8, "write 4");
    check(poll_one(e, POLLIN | POLLOUT, 0) == (POLLIN | POLLOUT), "a counter of 7 is readable and writable");
    check(read(e, &v, 8) == 8 && v == 7, "read takes the whole count, 7");
    check(read(e, &v, 4) == -1 && errno == EINVAL, "a 4-byte read is EINVAL");
    check(write(e, &v, 4) == -1 && errno == EINVAL, "a 4-byte write is EINVAL");
    v = UINT64_MAX;
    check(write(e, &v, 8) == -1 && errno == EINVAL, "writing 2^64-1 is EINVAL");
    v = UINT64_MAX - 1;
    check(write(e, &v, 8) == 8, "writing the largest count");
    v = 1;
    check(write(e, &v, 8) == -1 && errno == EAGAIN, "one more would overflow: EAGAIN");
    check(poll_one(e, POLLIN | POLLOUT, 0) == POLLIN, "a full counter is not writable");
    check(eventfd_read(e, &v) == 0 && v == UINT64_MAX - 1, "eventfd_read takes it");
    close(e);

    e = eventfd(2, EFD_SEMAPHORE | EFD_NONBLOCK);
    check(e >= 0 && fcntl(e, F_GETFD) == 0, "eventfd(2, EFD_SEMAPHORE)");
    check(read(e, &v, 8) == 8 && v == 1, "semaphore read gives 1");
    check(read(e, &v, 8) == 8 && v == 1, "and 1 again");
    check(read(e, &v, 8) == -1 && errno == EAGAIN, "then EAGAIN");
    close(e);
    check(eventfd(0, 0x10) == -1 && errno == EINVAL, "eventfd with a bad flag is EINVAL");
}

static int wait_events(int ep, struct epoll_event *ev, int max, int timeout) {
    memset(ev, 0, sizeof(*ev) * max);
    return epoll_wait(ep, ev, max, timeout);
}

static void epolls(void) {
    struct epoll_event ev, out[8];
    int p[2];
    check(sizeof(struct epoll_event) == 16, "struct epoll_event is 16 bytes");
    check(epoll_create1(0x1) == -1 && errno == EINVAL, "epoll_create1 with a bad flag is EINVAL");
    int ep = epoll_create1(EPOLL_CLOEXEC);
    check(ep >= 0 && fcntl(ep, F_GETFD) == FD_CLOEXEC, "epoll_create1(EPOLL_CLOEXEC)");
    check(pipe2(p, O_NONBLOCK) == 0, "a pipe to watch");

    ev.events = EPOLLIN;
    ev.data.u64 = 0x1122334455667788ULL;
    check(epoll_ctl(ep, EPOLL_CTL_ADD, p[0], &ev) == 0, "EPOLL_CTL_ADD the read end");
    check(epoll_ctl(ep, EPOLL_CTL_ADD, p[0], &ev) == -1 && errno == EEXIST, "adding it again is EEXIST");
    check(epoll_ctl(ep, EPOLL_CTL_MOD, p[1], &ev) == -1 && errno == ENOENT, "MOD of an fd not added is ENOENT");
    check(epoll_ctl(ep, EPOLL_CTL_DEL, p[1], NULL) == -1 && errno == ENOENT, "DEL of an fd not added is ENOENT");
    check(epoll_ctl(ep, EPOLL_CTL_ADD, ep, &ev) == -1 && errno == EINVAL, "adding the epoll fd to itself is EINVAL");
    check(epoll_ctl(p[0], EPOLL_CTL_ADD, p[1], &ev) == -1 && errno == EINVAL, "epoll_ctl on a pipe is EINVAL");
    check(epoll_ctl(ep, EPOLL_CTL_ADD, 97, &ev) == -1 && errno == EBADF, "adding a closed fd is EBADF");
    check(epoll_ctl(97, EPOLL_CTL_ADD, p[0], &ev) == -1 && errno == EBADF, "a closed epoll fd is EBADF");
    check(epoll_ctl(ep, 7, p[0], &ev) == -1 && errno == EINVAL, "an unknown op is EINVAL");
    int null = open("/dev/null", O_RDONLY);
    check(epoll_ctl(ep, EPOLL_CTL_ADD, null, &ev) == -1 && errno == EPERM, "adding /dev/null is EPERM");
    close(null);
    check(epoll_wait(ep, out, 0, 0) == -1 && errno == EINVAL, "maxevents 0 is EINVAL");
    check(epoll_wait(p[0], out, 1, 0) == -1 && errno == EINVAL, "epoll_wait on a pipe is EINVAL");

    /* Level-triggered. */
    check(wait_events(ep, out, 8, 0) == 0, "level: nothing on an empty pipe");
    struct timespec t0;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    check(wait_events(ep, out, 8, 40) == 0, "level: a 40 ms wait times out");
    check(elapsed_ms(&t0) >= 30, "epoll_wait waited for its timeout");
    write(p[1], "ab", 2);
    check(wait_events(ep, out, 8, 1000) == 1 && out[0].events == EPOLLIN && out[0].data.u64 == 0x1122334455667788ULL,
          "level: EPOLLIN with the data word");
    check(wait_events(ep, out, 8, 0) == 1, "level: reported again while readable");
    char buf[16];
    read(p[0], buf, sizeof buf);
    check(wait_events(ep, out, 8, 0) == 0, "level: nothing once drained");

    /* Edge-triggered. */
    ev.events = EPOLLIN | EPOLLET;
    ev.data.fd = p[0];
    check(epoll_ctl(ep, EPOLL_CTL_MOD, p[0], &ev) == 0, "MOD to EPOLLIN|EPOLLET");
    write(p[1], "c", 1);
    check(wait_events(ep, out, 8, 0) == 1 && out[0].data.fd == p[0], "edge: one report after a write");
    check(wait_events(ep, out, 8, 0) == 0, "edge: no second report without a new write");
    write(p[1], "d", 1);
    check(wait_events(ep, out, 8, 0) == 1, "edge: a new write reports again");
    read(p[0], buf, sizeof buf);

    /* One-shot. */
    ev.events = EPOLLIN | EPOLLONESHOT;
    check(epoll_ctl(ep, EPOLL_CTL_MOD, p[0], &ev) == 0, "MOD to EPOLLIN|EPOLLONESHOT");
    write(p[1], "e", 1);
    check(wait_events(ep, out, 8, 0) == 1, "one-shot: reported once");
    write(p[1], "f", 1);
    check(wait_events(ep, out, 8, 0) == 0, "one-shot: disabled afterwards");
    check(epoll_ctl(ep, EPOLL_CTL_MOD, p[0], &ev) == 0 && wait_events(ep, out, 8, 0) == 1, "one-shot: MOD re-arms it");
    read(p[0], buf, sizeof buf);

    /* The write end and an eventfd together. */
    int e = eventfd(0, EFD_NONBLOCK);
    ev.events = EPOLLIN | EPOLLET;
    ev.data.u32 = 7;
    check(epoll_ctl(ep, EPOLL_CTL_ADD, e, &ev) == 0, "add an eventfd edge-triggered");
    ev.events = EPOLLOUT;
    ev.data.u32 = 8;
    check(epoll_ctl(ep, EPOLL_CTL_ADD, p[1], &ev) == 0, "add the write end for EPOLLOUT");
    check(epoll_ctl(ep, EPOLL_CTL_DEL, p[0], NULL) == 0, "DEL the read end");
    check(wait_events(ep, out, 8, 0) == 1 && out[0].data.u32 == 8 && out[0].events == EPOLLOUT, "only the write end is ready");
    eventfd_write(e, 5);
    check(wait_events(ep, out, 8, 0) == 2, "the eventfd joins it");
    check(wait_events(ep, out, 8, 0) == 1 && out[0].data.u32 == 8, "edge: the eventfd is not reported twice");
    eventfd_write(e, 1);
    check(wait_events(ep, out, 1, 0) == 1, "maxevents 1 returns one event");
    uint64_t v;
    check(eventfd_read(e, &v) == 0 && v == 6, "the eventfd counted 6");

    /* Closing every fd of a watched file drops it; a dup keeps it. */
    int r2 = dup(p[0]);
    close(p[0]);
    check(write(p[1], "g", 1) == 1, "the dup keeps the read end open");
    close(r2);
    check(write(p[1], "g", 1) == -1 && errno == EPIPE, "no read end once the dup is closed too");
    check(wait_events(ep, out, 8, 0) == 1 && out[0].events == (EPOLLOUT | EPOLLERR), "the write end says EPOLLOUT|EPOLLERR");

    /* An epoll fd in poll(2) and in another epoll. */
    int outer = epoll_create1(0);
    ev.events = EPOLLIN;
    ev.data.u32 = 9;
    check(epoll_ctl(outer, EPOLL_CTL_ADD, ep, &ev) == 0, "an epoll fd inside another");
    check(epoll_ctl(ep, EPOLL_CTL_ADD, outer, &ev) == -1 && errno == ELOOP, "a loop of epoll fds is ELOOP");
    check(wait_events(outer, out, 8, 0) == 1 && out[0].data.u32 == 9, "the outer epoll sees the inner one ready");
    check(poll_one(ep, POLLIN, 0) == POLLIN, "poll sees an epoll fd with events as readable");
    close(outer);
    close(p[1]);
    close(e);
    check(wait_events(ep, out, 8, 0) == 0, "closing the watched files empties the interest list");
    close(ep);
}

int main(void) {
    setvbuf(stdout, NULL, _IONBF, 0);
    pipes();
    polling();
    eventfds();
    epolls();
    return failures != 0;
}
