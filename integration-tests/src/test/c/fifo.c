/*
 * Named pipes and mknod: in a fresh directory under /tmp, mkfifo makes a FIFO (stat says S_ISFIFO, the
 * umask applies, a second mkfifo is EEXIST); a forked writer and a reader that both block in open until the
 * other comes pass data through it and the reader sees end of file when the writer is gone; O_NONBLOCK
 * opens (a reader at once, a writer without readers ENXIO), O_RDWR, EPIPE without readers, fstat of the
 * open FIFO, the data going when the last end closes, an open interrupted by a signal (EINTR); mknod of a
 * regular file, a FIFO and, as root, a character device (EPERM after setuid), EINVAL for a bad type,
 * EPERM for a directory; unlink. Prints facts, never names or numbers that differ between runs or hosts.
 * Exit status: 0 when every check passes, 1 otherwise.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/wait.h>
#include <unistd.h>

#include "check.h"

static int fails_with(int result, int expected_errno) { return result == -1 && errno == expected_errno; }

static int child_status(pid_t pid) {
    int status;
    if (waitpid(pid, &status, 0) != pid) return -1;
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

static void making(void) {
    puts("-- mkfifo");
    struct stat st;
    check(mkfifo("f", 0666) == 0, "mkfifo");
    check(stat("f", &st) == 0 && S_ISFIFO(st.st_mode), "stat says a FIFO");
    check((st.st_mode & 07777) == 0644, "the umask took 022 off");
    check(st.st_size == 0 && st.st_nlink == 1, "size 0, one link");
    check(fails_with(mkfifo("f", 0644), EEXIST), "mkfifo again is EEXIST");
    check(fails_with(mkfifo("missing/f", 0644), ENOENT), "mkfifo in a missing directory is ENOENT");
    int fd = open("plain", O_CREAT | O_WRONLY, 0644);
    check(fd >= 0 && close(fd) == 0, "a plain file");
    check(fails_with(mkfifo("plain/f", 0644), ENOTDIR), "mkfifo under a file is ENOTDIR");
}

static void nonblocking(void) {
    puts("-- O_NONBLOCK");
    char buf[16];
    check(fails_with(open("f", O_WRONLY | O_NONBLOCK), ENXIO), "a writer without readers is ENXIO");
    int r = open("f", O_RDONLY | O_NONBLOCK);
    check(r >= 0, "a reader opens at once");
    check(read(r, buf, sizeof buf) == 0, "no writer ever: end of file");
    int w = open("f", O_WRONLY | O_NONBLOCK);
    check(w >= 0, "now a writer opens");
    check(fails_with(read(r, buf, sizeof buf), EAGAIN), "empty with a writer: EAGAIN");
    check(write(w, "abc", 3) == 3, "write 3 bytes");
    check(read(r, buf, sizeof buf) == 3 && memcmp(buf, "abc", 3) == 0, "read them");
    check((fcntl(r, F_GETFL) & O_ACCMODE) == O_RDONLY && (fcntl(w, F_GETFL) & O_ACCMODE) == O_WRONLY,
          "F_GETFL shows each end's access mode");
    check(fails_with(write(r, "x", 1), EBADF), "writing the read end is EBADF");
    check(fails_with(read(w, buf, 1), EBADF), "reading the write end is EBADF");
    check(write(w, "left", 4) == 4, "write 4 more");
    check(close(w) == 0, "close the writer");
    check(read(r, buf, sizeof buf) == 4 && memcmp(buf, "left", 4) == 0, "the bytes outlive the writer");
    check(read(r, buf, sizeof buf) == 0, "then end of file");
    check(close(r) == 0, "close the reader");

    r = open("f", O_RDONLY | O_NONBLOCK);
    w = open("f", O_WRONLY | O_NONBLOCK);
    check(r >= 0 && w >= 0, "both ends again");
    check(close(r) == 0, "close the reader");
    signal(SIGPIPE, SIG_IGN);
    check(fails_with(write(w, "x", 1), EPIPE), "writing without readers is EPIPE");
    signal(SIGPIPE, SIG_DFL);
    check(close(w) == 0, "close the writer");
}

static void both_ends(void) {
    puts("-- O_RDWR");
    char buf[16];
    struct stat st, fst;
    int fd = open("f", O_RDWR);
    check(fd >= 0, "O_RDWR opens without waiting");
    check(write(fd, "xyz", 3) == 3 && read(fd, buf, sizeof buf) == 3 && memcmp(buf, "xyz", 3) == 0,
          "it reads what it wrote");
    check(fstat(fd, &fst) == 0 && S_ISFIFO(fst.st_mode), "fstat says a FIFO");
    check(stat("f", &st) == 0 && st.st_ino == fst.st_ino && st.st_dev == fst.st_dev, "the inode stat shows");
    check(fails_with(lseek(fd, 0, SEEK_SET), ESPIPE), "lseek is ESPIPE");
    check(fcntl(fd, F_GETPIPE_SZ) == 65536, "F_GETPIPE_SZ: a pipe's 64 KiB");
    check(fcntl(fd, F_SETPIPE_SZ, 8192) == 8192 && fcntl(fd, F_GETPIPE_SZ) == 8192, "F_SETPIPE_SZ resizes it");
    check(write(fd, "gone", 4) == 4, "write 4 bytes and close");
    check(close(fd) == 0, "close");
    int r = open("f", O_RDONLY | O_NONBLOCK);
    int w = open("f", O_WRONLY | O_NONBLOCK);
    check(r >= 0 && w >= 0, "open both ends again");
    check(fails_with(read(r, buf, sizeof buf), EAGAIN), "the bytes went with the last end");
    check(close(r) == 0 && close(w) == 0, "close both");
}

static void forked(void) {
    puts("-- a writer and a reader");
    static const char message[] = "through the named pipe";
    pid_t pid = fork();
    if (pid == 0) {
        int w = open("f", O_WRONLY); /* waits for the reader */
        if (w < 0) _exit(2);
        if (write(w, message, sizeof message) != (ssize_t)sizeof message) _exit(3);
        _exit(close(w) == 0 ? 0 : 4);
    }
    int r = open("f", O_RDONLY); /* waits for the writer */
    check(r >= 0, "the reader's open returns once the writer came");
    char buf[64];
    size_t got = 0;
    ssize_t n;
    while ((n = read(r, buf + got, sizeof buf - got)) > 0) got += (size_t)n;
    check(n == 0, "end of file after the writer closed");
    check(got == sizeof message && memcmp(buf, message, sizeof message) == 0, "the reader got the message");
    check(close(r) == 0, "close the reader");
    check(child_status(pid) == 0, "the writer succeeded");
}

static void on_alarm(int sig) { (void)sig; }

static void interrupted(void) {
    puts("-- an interrupted open");
    pid_t pid = fork();
    if (pid == 0) {
        struct sigaction sa;
        memset(&sa, 0, sizeof sa);
        sa.sa_handler = on_alarm; /* no SA_RESTART */
        sigaction(SIGALRM, &sa, NULL);
        ualarm(100000, 0);
        int r = open("f", O_RDONLY);
        _exit(r < 0 && errno == EINTR ? 0 : 1);
    }
    check(child_status(pid) == 0, "a reader waiting for a writer gets EINTR from a signal");
    check(fails_with(open("f", O_WRONLY | O_NONBLOCK), ENXIO), "and left no reader behind");
}

static void nodes(void) {
    puts("-- mknod");
    struct stat st;
    check(mknod("r", 0644, 0) == 0 && stat("r", &st) == 0 && S_ISREG(st.st_mode), "type 0 is a regular file");
    check(mknod("r2", S_IFREG | 0600, 0) == 0 && stat("r2", &st) == 0 && S_ISREG(st.st_mode)
          && (st.st_mode & 0777) == 0600, "S_IFREG too");
    check(mknod("p", S_IFIFO | 0640, 0) == 0 && stat("p", &st) == 0 && S_ISFIFO(st.st_mode), "S_IFIFO is a FIFO");
    check(fails_with(mknod("p", S_IFIFO | 0640, 0), EEXIST), "EEXIST");
    check(fails_with(mknod("bad", 0170000 | 0644, 0), EINVAL), "a bad type is EINVAL");
    check(fails_with(mknod("bad", S_IFDIR | 0755, 0), EPERM), "a directory is EPERM");
    check(mknod("null", S_IFCHR | 0666, makedev(1, 3)) == 0, "root makes a character device");
    check(stat("null", &st) == 0 && S_ISCHR(st.st_mode) && major(st.st_rdev) == 1 && minor(st.st_rdev) == 3,
          "stat shows its type and number");
    int fd = open("null", O_WRONLY);
    check(fd >= 0 && write(fd, "x", 1) == 1 && close(fd) == 0, "it is /dev/null");
    check(chmod(".", 0777) == 0, "open the directory to everyone");
    pid_t pid = fork();
    if (pid == 0) {
        if (setuid(1000) != 0) _exit(2);
        _exit(fails_with(mknod("dev", S_IFCHR | 0600, makedev(1, 3)), EPERM) ? 0 : 1);
    }
    check(child_status(pid) == 0, "an unprivileged user gets EPERM for a device");
    check(unlink("r") == 0 && unlink("r2") == 0 && unlink("p") == 0 && unlink("null") == 0, "unlink the nodes");
}

int main(void) {
    umask(022);
    char dir[] = "/tmp/fifo-XXXXXX";
    if (mkdtemp(dir) == NULL || chdir(dir) != 0) {
        puts("FAIL no scratch directory");
        return 1;
    }
    making();
    nonblocking();
    both_ends();
    forked();
    interrupted();
    nodes();
    puts("-- cleanup");
    struct stat st;
    check(unlink("f") == 0, "unlink the FIFO");
    check(fails_with(stat("f", &st), ENOENT), "it is gone");
    check(unlink("plain") == 0 && chdir("/") == 0 && rmdir(dir) == 0, "remove the directory");
    return failures != 0;
}
