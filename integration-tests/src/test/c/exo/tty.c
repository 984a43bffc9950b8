/* tty: the terminal as a program sees it on Exo-OS, through the tty server.
 *
 * With a terminal on stdin (TtyProgramTest runs it on a tty server with an in-memory device and types at it),
 * it checks isatty, fstat, termios round trips, canonical reads with erase and kill, echo on and off, raw
 * mode (VMIN/VTIME), poll, the window size, the foreground process group, FIONREAD, ^C raising SIGINT, ^D,
 * job control (^Z stopping the foreground child, SIGTTIN for a background reader) and /dev/tty and /dev/console. Each step that needs typing first prints "READY <step>"; the test types the
 * step's input once it sees that line.
 *
 * Without one (ExoOnlyProgramsTest gives it pipes) it checks what a program without a terminal sees:
 * ENOTTY and ENXIO. Exo-only: the facts (pid 1 leading the session, the console's numbers) are Exo-OS's. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/wait.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>
#include "../check.h"

static volatile sig_atomic_t got_sigint, got_sigwinch;

static void on_sigint(int sig) { (void) sig; got_sigint = 1; }
static void on_sigwinch(int sig) { (void) sig; got_sigwinch = 1; }

static void ready(const char *step) {
    fflush(stdout);
    char line[64];
    int n = snprintf(line, sizeof line, "READY %s\n", step);
    write(1, line, n);
}

static void sleep_ms(long ms) {
    struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};
    nanosleep(&ts, NULL);
}

static int fails_with(int r, int err) { return r == -1 && errno == err; }

/* One read(2) of stdin into buf (NUL-terminated); its result. */
static ssize_t read_once(char *buf, size_t size) {
    ssize_t n = read(0, buf, size - 1);
    buf[n > 0 ? n : 0] = 0;
    return n;
}

/* ENOTTY for terminal requests on a regular file, wherever the program runs. */
static void regular_file_is_not_a_terminal(void) {
    char name[64];
    snprintf(name, sizeof name, "tty_regular_%d.tmp", (int) getpid());
    int fd = open(name, O_RDWR | O_CREAT | O_TRUNC, 0600);
    check(fd >= 0, "create a regular file");
    struct termios t;
    struct winsize ws;
    check(!isatty(fd) && errno == ENOTTY, "isatty on a regular file is ENOTTY");
    check(fails_with(tcgetattr(fd, &t), ENOTTY), "tcgetattr on a regular file is ENOTTY");
    check(fails_with(ioctl(fd, TIOCGWINSZ, &ws), ENOTTY), "TIOCGWINSZ on a regular file is ENOTTY");
    check(fails_with(ioctl(fd, TIOCGPGRP, &(pid_t){0}), ENOTTY), "TIOCGPGRP on a regular file is ENOTTY");
    close(fd);
    unlink(name);
    int null = open("/dev/null", O_RDWR);
    check(null >= 0 && fails_with(tcgetattr(null, &t), ENOTTY), "tcgetattr on /dev/null is ENOTTY");
    close(null);
}

static void without_a_terminal(void) {
    struct termios t;
    check(!isatty(0) && errno == ENOTTY, "stdin is no terminal (ENOTTY)");
    check(fails_with(tcgetattr(0, &t), ENOTTY), "tcgetattr on stdin is ENOTTY");
    regular_file_is_not_a_terminal();
    check(fails_with(open("/dev/tty", O_RDWR), ENXIO), "/dev/tty without a controlling terminal is ENXIO");
}

static void identity(void) {
    check(isatty(0) && isatty(1) && isatty(2), "fds 0, 1 and 2 are terminals");
    struct stat st0, st1;
    check(fstat(0, &st0) == 0 && S_ISCHR(st0.st_mode), "fstat(0) is a character device");
    check(major(st0.st_rdev) == 5 && minor(st0.st_rdev) == 1, "stdio is the console, 5:1");
    check(fstat(1, &st1) == 0 && st1.st_ino == st0.st_ino && st1.st_dev == st0.st_dev, "fds 0 and 1 are one file");
    struct stat node;
    check(stat("/dev/console", &node) == 0 && node.st_ino == st0.st_ino && node.st_rdev == st0.st_rdev,
          "fstat(0) is the /dev/console node");
}

static void termios_round_trip(void) {
    struct termios t, u, saved;
    check(tcgetattr(0, &saved) == 0, "tcgetattr");
    check((saved.c_lflag & (ICANON | ECHO | ISIG)) == (ICANON | ECHO | ISIG), "canonical, echo and ISIG by default");
    check(saved.c_cc[VINTR] == 3 && saved.c_cc[VERASE] == 0177 && saved.c_cc[VKILL] == 025 && saved.c_cc[VEOF] == 4,
          "default control characters ^C ^? ^U ^D");
    check((saved.c_oflag & (OPOST | ONLCR)) == (OPOST | ONLCR), "output processing with ONLCR by default");
    t = saved;
    t.c_lflag &= ~ECHOCTL;
    t.c_cc[VMIN] = 5;
    t.c_cc[VTIME] = 7;
    t.c_cc[VSUSP] = 0;
    check(tcsetattr(0, TCSANOW, &t) == 0, "tcsetattr TCSANOW");
    check(tcgetattr(0, &u) == 0 && (u.c_lflag & ECHOCTL) == 0 && u.c_cc[VMIN] == 5 && u.c_cc[VTIME] == 7
          && u.c_cc[VSUSP] == 0 && u.c_iflag == t.c_iflag && u.c_oflag == t.c_oflag, "tcgetattr reads it back");
    check(tcsetattr(0, TCSADRAIN, &saved) == 0, "tcsetattr TCSADRAIN");
    check(tcsetattr(0, TCSAFLUSH, &saved) == 0, "tcsetattr TCSAFLUSH");
    check(tcgetattr(1, &u) == 0 && memcmp(&u.c_cc, &saved.c_cc, sizeof u.c_cc) == 0 && u.c_lflag == saved.c_lflag,
          "restored");
    check(fails_with(ioctl(0, TCGETS, (void *) 8), EFAULT), "TCGETS to a bad pointer is EFAULT");
    check(fails_with(ioctl(0, TCSETS, (void *) 8), EFAULT), "TCSETS from a bad pointer is EFAULT");
    check(fails_with(ioctl(0, 0x54ff, 0), ENOTTY), "an unknown request on a terminal is ENOTTY");
    check(tcdrain(1) == 0, "tcdrain");
    check(tcflush(0, TCIFLUSH) == 0, "tcflush");
    check(fails_with(tcflush(0, 7), EINVAL), "tcflush of no queue is EINVAL");
    check(tcflow(1, TCOON) == 0, "tcflow TCOON");
}

static void window_size(void) {
    struct winsize ws, big = {.ws_row = 30, .ws_col = 100};
    check(ioctl(0, TIOCGWINSZ, &ws) == 0 && ws.ws_row == 24 && ws.ws_col == 80, "TIOCGWINSZ is the device's 24x80");
    signal(SIGWINCH, on_sigwinch);
    check(ioctl(0, TIOCSWINSZ, &big) == 0, "TIOCSWINSZ");
    check(ioctl(0, TIOCGWINSZ, &ws) == 0 && ws.ws_row == 30 && ws.ws_col == 100, "TIOCGWINSZ reads it back");
    for (int i = 0; i < 300 && !got_sigwinch; i++) sleep_ms(10);
    check(got_sigwinch, "a new size raises SIGWINCH");
    check(fails_with(ioctl(0, TIOCGWINSZ, (void *) 8), EFAULT), "TIOCGWINSZ to a bad pointer is EFAULT");
}

static void process_group(void) {
    check(tcgetpgrp(0) == getpid(), "the foreground group is ours");
    check(tcgetsid(0) == getpid(), "the terminal's session is ours");
    check(tcsetpgrp(0, getpid()) == 0, "tcsetpgrp to our own group");
    check(fails_with(tcsetpgrp(0, -1), EINVAL), "tcsetpgrp -1 is EINVAL");
    check(fails_with(tcsetpgrp(0, 424242), ESRCH), "tcsetpgrp to no group is ESRCH");
}

static void canonical(void) {
    char buf[256];
    int n = -1;
    check(ioctl(0, FIONREAD, &n) == 0 && n == 0, "FIONREAD is 0 with nothing typed");
    ready("fionread"); /* types "hello\n" */
    for (int i = 0; i < 300 && (ioctl(0, FIONREAD, &n) != 0 || n == 0); i++) sleep_ms(10);
    check(n == 6, "FIONREAD counts the typed line");
    check(read_once(buf, sizeof buf) == 6 && strcmp(buf, "hello\n") == 0, "read returns the line");

    ready("erase"); /* types "abX<DEL>c\n" */
    check(read_once(buf, sizeof buf) == 4 && strcmp(buf, "abc\n") == 0, "^? erases a character");

    ready("kill"); /* types "junk^Uline\n" */
    check(read_once(buf, sizeof buf) == 5 && strcmp(buf, "line\n") == 0, "^U kills the line");

    struct termios t, saved;
    tcgetattr(0, &saved);
    t = saved;
    t.c_cc[VERASE] = 010;
    check(tcsetattr(0, TCSANOW, &t) == 0, "VERASE set to ^H");
    ready("backspace"); /* types "xy^Hz\n" */
    check(read_once(buf, sizeof buf) == 3 && strcmp(buf, "xz\n") == 0, "^H erases a character");

    ready("two-lines"); /* types "one\ntwo\n" */
    check(read_once(buf, sizeof buf) == 4 && strcmp(buf, "one\n") == 0, "one read returns one line");
    check(read_once(buf, sizeof buf) == 4 && strcmp(buf, "two\n") == 0, "the next read the next line");

    t.c_lflag &= ~ECHO;
    check(tcsetattr(0, TCSANOW, &t) == 0, "echo off");
    ready("noecho"); /* types "secret\n"; the test checks it was not shown */
    check(read_once(buf, sizeof buf) == 7 && strcmp(buf, "secret\n") == 0, "read without echo");
    check(tcsetattr(0, TCSANOW, &saved) == 0, "echo back on");

    ready("eof"); /* types ^D */
    check(read_once(buf, sizeof buf) == 0, "^D at the start of a line is end of file");
}

static void polling(void) {
    struct pollfd p = {.fd = 0, .events = POLLIN | POLLOUT};
    check(poll(&p, 1, 0) == 1 && p.revents == POLLOUT, "poll: writable, nothing to read");
    ready("poll"); /* types "p\n" */
    p.events = POLLIN;
    p.revents = 0;
    check(poll(&p, 1, 5000) == 1 && p.revents == POLLIN, "poll wakes when a line is typed");
    char buf[16];
    check(read_once(buf, sizeof buf) == 2 && strcmp(buf, "p\n") == 0, "and the line is there");
}

static void raw(void) {
    char buf[16];
    struct termios t, saved;
    tcgetattr(0, &saved);
    t = saved;
    t.c_lflag &= ~(ICANON | ECHO);
    t.c_cc[VMIN] = 0;
    t.c_cc[VTIME] = 1;
    check(tcsetattr(0, TCSANOW, &t) == 0, "raw mode, VMIN 0 VTIME 1");
    struct timespec a, b;
    clock_gettime(CLOCK_MONOTONIC, &a);
    ssize_t n = read(0, buf, sizeof buf);
    clock_gettime(CLOCK_MONOTONIC, &b);
    long ms = (b.tv_sec - a.tv_sec) * 1000 + (b.tv_nsec - a.tv_nsec) / 1000000;
    check(n == 0 && ms >= 50, "VTIME expires with nothing read");

    t.c_cc[VMIN] = 1;
    t.c_cc[VTIME] = 0;
    check(tcsetattr(0, TCSANOW, &t) == 0, "raw mode, VMIN 1");
    ready("raw"); /* types "q" and no newline */
    check(read(0, buf, sizeof buf) == 1 && buf[0] == 'q', "one byte without a newline");

    int flags = fcntl(0, F_GETFL);
    check(fcntl(0, F_SETFL, flags | O_NONBLOCK) == 0, "O_NONBLOCK");
    check(fails_with(read(0, buf, sizeof buf), EAGAIN), "a non-blocking read of nothing is EAGAIN");
    fcntl(0, F_SETFL, flags);
    check(tcsetattr(0, TCSANOW, &saved) == 0, "canonical again");
}

static void interrupt(void) {
    char buf[64];
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_sigint; /* no SA_RESTART: the read fails with EINTR */
    check(sigaction(SIGINT, &sa, NULL) == 0, "SIGINT handler");
    ready("sigint"); /* types ^C */
    ssize_t n = read(0, buf, sizeof buf);
    check(n == -1 && errno == EINTR, "^C interrupts the read (EINTR)");
    check(got_sigint, "^C raised SIGINT");
    got_sigint = 0;
    struct pollfd p = {.fd = 0, .events = POLLIN};
    ready("sigint-poll"); /* types ^C */
    check(poll(&p, 1, -1) == -1 && errno == EINTR && got_sigint, "^C interrupts a poll (EINTR)");
    signal(SIGINT, SIG_DFL);
}

/* ^Z stops the foreground job: a child in its own group, made the foreground, is stopped by SIGTSTP in its
 * read, and the parent sees it stopped. (It is killed, not continued: its restarted read would hold the
 * terminal's client, and the kernel serves one terminal call at a time, so our writes would wait for it.) */
static void job_control(void) {
    signal(SIGTTOU, SIG_IGN); /* tcsetpgrp from a background group (both sides) is then allowed */
    pid_t pid = fork();
    if (pid == 0) {
        setpgid(0, 0);
        if (tcsetpgrp(0, getpid()) != 0) _exit(2);
        ready("suspend"); /* types ^Z */
        char buf[16];
        read(0, buf, sizeof buf);
        _exit(3);
    }
    setpgid(pid, pid);
    int st = 0;
    pid_t r;
    do r = waitpid(pid, &st, WUNTRACED); while (r == -1 && errno == EINTR);
    check(r == pid && WIFSTOPPED(st) && WSTOPSIG(st) == SIGTSTP, "^Z stops the foreground child (SIGTSTP)");
    check(tcgetpgrp(0) == pid, "the stopped child's group is still the foreground");
    check(kill(pid, SIGKILL) == 0, "SIGKILL to the stopped child");
    do r = waitpid(pid, &st, 0); while (r == -1 && errno == EINTR);
    check(r == pid && WIFSIGNALED(st) && WTERMSIG(st) == SIGKILL, "it dies of it");
    check(tcsetpgrp(0, getpgrp()) == 0 && tcgetpgrp(0) == getpid(), "the parent takes the terminal back");

    /* a background read: SIGTTIN stops the reader; ignored, the read fails with EIO */
    pid = fork();
    if (pid == 0) {
        setpgid(0, 0);
        char c;
        ssize_t n = read(0, &c, 1); /* SIGTTIN stops us here; continued with SIGTTIN ignored: EIO */
        _exit(n == -1 && errno == EIO ? 0 : 4);
    }
    setpgid(pid, pid);
    do r = waitpid(pid, &st, WUNTRACED); while (r == -1 && errno == EINTR);
    check(r == pid && WIFSTOPPED(st) && WSTOPSIG(st) == SIGTTIN, "a background read stops the reader (SIGTTIN)");
    kill(pid, SIGKILL);
    do r = waitpid(pid, &st, 0); while (r == -1 && errno == EINTR);
    pid = fork();
    if (pid == 0) {
        setpgid(0, 0);
        signal(SIGTTIN, SIG_IGN);
        char c;
        ssize_t n = read(0, &c, 1);
        _exit(n == -1 && errno == EIO ? 0 : 4);
    }
    setpgid(pid, pid);
    do r = waitpid(pid, &st, 0); while (r == -1 && errno == EINTR);
    check(r == pid && WIFEXITED(st) && WEXITSTATUS(st) == 0, "with SIGTTIN ignored, a background read is EIO");

    /* tcsetpgrp from a background group: SIGTTOU stops the caller (unless it ignores it, as above) */
    pid = fork();
    if (pid == 0) {
        setpgid(0, 0);
        signal(SIGTTOU, SIG_DFL);
        tcsetpgrp(0, getpgrp());
        _exit(5);
    }
    setpgid(pid, pid);
    do r = waitpid(pid, &st, WUNTRACED); while (r == -1 && errno == EINTR);
    check(r == pid && WIFSTOPPED(st) && WSTOPSIG(st) == SIGTTOU, "tcsetpgrp from the background stops the caller (SIGTTOU)");
    check(tcgetpgrp(0) == getpid(), "and the foreground stays ours");
    kill(pid, SIGKILL);
    do r = waitpid(pid, &st, 0); while (r == -1 && errno == EINTR);
    signal(SIGTTOU, SIG_DFL);
}

static void device_nodes(void) {
    int fd = open("/dev/tty", O_RDWR);
    check(fd >= 0 && isatty(fd), "/dev/tty opens the controlling terminal");
    struct stat st;
    check(fstat(fd, &st) == 0 && S_ISCHR(st.st_mode) && major(st.st_rdev) == 5 && minor(st.st_rdev) == 0,
          "fstat of /dev/tty is 5:0");
    check(tcgetpgrp(fd) == getpid(), "/dev/tty is the same terminal");
    check(write(fd, "via /dev/tty\n", 13) == 13, "write to /dev/tty");
    int console = open("/dev/console", O_WRONLY);
    check(console >= 0 && isatty(console), "/dev/console opens");
    check(fails_with(read(console, &st, 1), EBADF), "reading a write-only terminal is EBADF");
    close(console);

    signal(SIGHUP, SIG_IGN);
    check(ioctl(fd, TIOCNOTTY) == 0, "TIOCNOTTY");
    check(fails_with(open("/dev/tty", O_RDWR), ENXIO), "then /dev/tty is ENXIO");
    check(fails_with(tcgetpgrp(0), ENOTTY), "and tcgetpgrp is ENOTTY");
    check(ioctl(0, TIOCSCTTY, 0) == 0, "TIOCSCTTY takes it back");
    check(tcgetpgrp(0) == getpid(), "and we are in the foreground again");
    close(fd);
    fd = open("/dev/tty", O_RDWR);
    check(fd >= 0, "/dev/tty opens again");
    close(fd);
}

int main(void) {
    setvbuf(stdout, NULL, _IOLBF, 0);
    if (!isatty(0)) {
        without_a_terminal();
        printf("tty: %s\n", failures ? "failed" : "done (no terminal)");
        return failures != 0;
    }
    identity();
    termios_round_trip();
    window_size();
    process_group();
    regular_file_is_not_a_terminal();
    canonical();
    polling();
    raw();
    interrupt();
    job_control();
    device_nodes();
    printf("tty: %s\n", failures ? "failed" : "done");
    return failures != 0;
}
