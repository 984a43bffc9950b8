/*
 * File attributes, links, sync, truncation, statfs, record locks and credentials, with their errors:
 * chmod/fchmod/fchmodat, chown/fchown/fchownat (-1 keeps an id; chown clears set-user-ID), utimensat
 * (UTIME_NOW, UTIME_OMIT, the futimens form), link/linkat and st_nlink, fsync/fdatasync, fchdir,
 * truncate/ftruncate, statfs/fstatfs, statx, fcntl POSIX and OFD record locks (split, merge, l_len 0 and
 * negative, SEEK_CUR/SEEK_END, release on close), and EACCES/EPERM as uid 1000 after setresuid with a
 * saved uid of 0 to come back by. Runs in a fresh directory under the cwd and removes it.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/fsuid.h>
#include <sys/statfs.h>
#include <sys/syscall.h>
#include <sys/types.h>
#include <time.h>
#include <unistd.h>

#include "check.h"

static int mode_of(const char *path) {
    struct stat st;
    return stat(path, &st) == 0 ? (int)(st.st_mode & 07777) : -1;
}

static int fails_with(long rc, int err) {
    return rc == -1 && errno == err;
}

/* Probes [start, start+len) for a conflicting lock through fd with cmd; returns the flock as reported. */
static struct flock probe(int fd, int cmd, short type, off_t start, off_t len) {
    struct flock fl;
    memset(&fl, 0, sizeof fl);
    fl.l_type = type;
    fl.l_whence = SEEK_SET;
    fl.l_start = start;
    fl.l_len = len;
    if (fcntl(fd, cmd, &fl) != 0) fl.l_type = -1;
    return fl;
}

static int set_lock(int fd, int cmd, short type, short whence, off_t start, off_t len) {
    struct flock fl;
    memset(&fl, 0, sizeof fl);
    fl.l_type = type;
    fl.l_whence = whence;
    fl.l_start = start;
    fl.l_len = len;
    return fcntl(fd, cmd, &fl);
}

static void modes_and_owners(void) {
    struct stat st;
    int fd = open("f", O_CREAT | O_RDWR, 0644);
    check(fd >= 0, "create f");
    check(chmod("f", 0600) == 0 && mode_of("f") == 0600, "chmod 0600");
    check(fchmod(fd, 0640) == 0 && fstat(fd, &st) == 0 && (st.st_mode & 07777) == 0640, "fchmod 0640");
    check(fchmodat(AT_FDCWD, "f", 0604, 0) == 0 && mode_of("f") == 0604, "fchmodat 0604");
    check(symlink("f", "lnk") == 0, "symlink lnk -> f");
    check(chmod("lnk", 0644) == 0 && mode_of("f") == 0644, "chmod follows a symlink");
    check(fails_with(fchmodat(AT_FDCWD, "lnk", 0600, AT_SYMLINK_NOFOLLOW), EOPNOTSUPP),
          "fchmodat NOFOLLOW on a symlink: EOPNOTSUPP");
    check(fails_with(chmod("nope", 0600), ENOENT), "chmod missing: ENOENT");
    check(fails_with(chmod("f/x", 0600), ENOTDIR), "chmod under a file: ENOTDIR");
    check(fails_with(fchmod(-1, 0600), EBADF), "fchmod -1: EBADF");

    check(chown("f", 1000, 1000) == 0 && stat("f", &st) == 0 && st.st_uid == 1000 && st.st_gid == 1000,
          "chown to 1000:1000");
    check(fchown(fd, -1, 2000) == 0 && fstat(fd, &st) == 0 && st.st_uid == 1000 && st.st_gid == 2000,
          "fchown -1 keeps the uid");
    check(fchownat(AT_FDCWD, "f", -1, -1, 0) == 0 && stat("f", &st) == 0 && st.st_uid == 1000 && st.st_gid == 2000,
          "fchownat -1 -1 changes nothing");
    check(fchownat(AT_FDCWD, "lnk", 3000, 3000, AT_SYMLINK_NOFOLLOW) == 0 && lstat("lnk", &st) == 0
          && st.st_uid == 3000 && stat("f", &st) == 0 && st.st_uid == 1000, "lchown changes the link only");
    check(fchownat(fd, "", 0, 0, AT_EMPTY_PATH) == 0 && fstat(fd, &st) == 0 && st.st_uid == 0 && st.st_gid == 0,
          "fchownat AT_EMPTY_PATH on the fd");
    check(fails_with(fchownat(AT_FDCWD, "f", 0, 0, 0x4000), EINVAL), "fchownat bad flags: EINVAL");
    check(fchmod(fd, 06755) == 0 && mode_of("f") == 06755, "fchmod 06755");
    check(chown("f", 1000, 1000) == 0 && mode_of("f") == 0755, "chown clears set-user-ID and set-group-ID");
    check(chmod("f", 0644) == 0 && chown("f", 0, 0) == 0, "back to root 0644");
    close(fd);
}

static void timestamps(void) {
    struct stat st;
    struct timespec ts[2] = {{1000000000, 123456789}, {1200000000, 987654321}};
    check(utimensat(AT_FDCWD, "f", ts, 0) == 0 && stat("f", &st) == 0, "utimensat explicit times");
    check(st.st_atim.tv_sec == 1000000000 && st.st_atim.tv_nsec == 123456789, "atime as set");
    check(st.st_mtim.tv_sec == 1200000000 && st.st_mtim.tv_nsec == 987654321, "mtime as set");
    struct timespec omit_now[2] = {{0, UTIME_OMIT}, {0, UTIME_NOW}};
    time_t before = time(NULL);
    check(utimensat(AT_FDCWD, "f", omit_now, 0) == 0 && stat("f", &st) == 0, "utimensat OMIT, NOW");
    check(st.st_atim.tv_sec == 1000000000 && st.st_atim.tv_nsec == 123456789, "UTIME_OMIT keeps atime");
    check(st.st_mtim.tv_sec >= before - 2 && st.st_mtim.tv_sec <= before + 60, "UTIME_NOW sets mtime to now");
    int fd = open("f", O_RDWR);
    struct timespec ts2[2] = {{1300000000, 5}, {1400000000, 6}};
    check(futimens(fd, ts2) == 0 && fstat(fd, &st) == 0 && st.st_atim.tv_sec == 1300000000
          && st.st_mtim.tv_sec == 1400000000 && st.st_mtim.tv_nsec == 6, "futimens");
    check(syscall(SYS_utimensat, fd, NULL, ts, 0) == 0 && fstat(fd, &st) == 0 && st.st_mtim.tv_sec == 1200000000,
          "utimensat(fd, NULL) is futimens");
    check(utimensat(fd, "", ts2, AT_EMPTY_PATH) == 0 && fstat(fd, &st) == 0 && st.st_mtim.tv_sec == 1400000000,
          "utimensat AT_EMPTY_PATH");
    check(utimensat(AT_FDCWD, "f", NULL, 0) == 0 && stat("f", &st) == 0 && st.st_atim.tv_sec >= before - 2,
          "utimensat NULL times: now");
    struct timespec omit[2] = {{0, UTIME_OMIT}, {0, UTIME_OMIT}};
    check(utimensat(AT_FDCWD, "nope", omit, 0) == 0, "both UTIME_OMIT succeed without looking");
    struct timespec bad[2] = {{0, 1000000000}, {0, 0}};
    check(fails_with(utimensat(AT_FDCWD, "f", bad, 0), EINVAL), "nanoseconds 1e9: EINVAL");
    check(fails_with(utimensat(AT_FDCWD, "nope", ts, 0), ENOENT), "utimensat missing: ENOENT");
    check(fails_with(utimensat(AT_FDCWD, "f", ts, 0x4000), EINVAL), "utimensat bad flags: EINVAL");
    check(fails_with(syscall(SYS_utimensat, -1, NULL, ts, 0), EBADF), "futimens -1: EBADF");
    close(fd);
}

static void links(void) {
    struct stat st;
    check(link("f", "g") == 0 && stat("f", &st) == 0 && st.st_nlink == 2, "link: st_nlink 2");
    check(linkat(AT_FDCWD, "lnk", AT_FDCWD, "h", 0) == 0 && lstat("h", &st) == 0 && S_ISLNK(st.st_mode),
          "linkat without FOLLOW links the symlink");
    check(linkat(AT_FDCWD, "lnk", AT_FDCWD, "k", AT_SYMLINK_FOLLOW) == 0 && lstat("k", &st) == 0
          && S_ISREG(st.st_mode) && st.st_nlink == 3, "linkat FOLLOW links the target: st_nlink 3");
    int fd = open("f", O_RDONLY);
    check(linkat(fd, "", AT_FDCWD, "e", AT_EMPTY_PATH) == 0 && stat("f", &st) == 0 && st.st_nlink == 4,
          "linkat AT_EMPTY_PATH: st_nlink 4");
    close(fd);
    check(fails_with(link("f", "g"), EEXIST), "link onto an existing name: EEXIST");
    check(fails_with(link("nope", "x"), ENOENT), "link missing: ENOENT");
    check(mkdir("sub", 0755) == 0, "mkdir sub");
    check(fails_with(link("sub", "sub2"), EPERM), "link a directory: EPERM");
    check(fails_with(linkat(AT_FDCWD, "f", AT_FDCWD, "x", 0x4000), EINVAL), "linkat bad flags: EINVAL");
    check(unlink("g") == 0 && unlink("h") == 0 && unlink("k") == 0 && unlink("e") == 0 && stat("f", &st) == 0
          && st.st_nlink == 1, "unlinked: st_nlink 1");
}

static void data_and_dirs(void) {
    struct stat st;
    int fd = open("f", O_RDWR);
    check(write(fd, "0123456789", 10) == 10, "write 10 bytes");
    check(fsync(fd) == 0, "fsync");
    check(fdatasync(fd) == 0, "fdatasync");
    check(fails_with(fsync(-1), EBADF), "fsync -1: EBADF");
    int null = open("/dev/null", O_WRONLY);
    check(fails_with(fsync(null), EINVAL), "fsync /dev/null: EINVAL");
    close(null);

    check(truncate("f", 20) == 0 && stat("f", &st) == 0 && st.st_size == 20, "truncate to 20");
    check(ftruncate(fd, 3) == 0 && fstat(fd, &st) == 0 && st.st_size == 3, "ftruncate to 3");
    check(fails_with(truncate("sub", 0), EISDIR), "truncate a directory: EISDIR");
    check(fails_with(truncate("f", -1), EINVAL), "truncate negative: EINVAL");
    check(fails_with(truncate("nope", 0), ENOENT), "truncate missing: ENOENT");
    check(fails_with(ftruncate(fd, -1), EINVAL), "ftruncate negative: EINVAL");

    char cwd[4096];
    int dfd = open("sub", O_RDONLY | O_DIRECTORY);
    check(fchdir(dfd) == 0 && getcwd(cwd, sizeof cwd) != NULL && strcmp(strrchr(cwd, '/'), "/sub") == 0,
          "fchdir into sub");
    check(chdir("..") == 0 && access("f", F_OK) == 0, "chdir .. back");
    check(fails_with(fchdir(fd), ENOTDIR), "fchdir a file: ENOTDIR");
    check(fails_with(fchdir(-1), EBADF), "fchdir -1: EBADF");
    close(dfd);

    struct statfs a, b;
    check(statfs(".", &a) == 0 && a.f_bsize > 0, "statfs .: f_bsize > 0");
    check(fstatfs(fd, &b) == 0 && b.f_bsize > 0 && b.f_type == a.f_type, "fstatfs: same f_type");
    check(fails_with(statfs("nope", &a), ENOENT), "statfs missing: ENOENT");
    check(fails_with(fstatfs(-1, &a), EBADF), "fstatfs -1: EBADF");

    unsigned char stx[256];
    memset(stx, 0, sizeof stx);
    check(syscall(SYS_statx, AT_FDCWD, "f", 0, 0x7ff, stx) == 0 && fstat(fd, &st) == 0, "statx f");
    unsigned long long size;
    unsigned short mode;
    unsigned int nlink;
    memcpy(&size, stx + 40, 8);
    memcpy(&mode, stx + 28, 2);
    memcpy(&nlink, stx + 16, 4);
    check(size == 3 && mode == st.st_mode && nlink == 1, "statx size, mode and nlink as fstat");
    check(fails_with(syscall(SYS_statx, AT_FDCWD, "f", 0x6000, 0x7ff, stx), EINVAL), "statx both sync types: EINVAL");
    close(fd);
}

static void record_locks(void) {
    int fd = open("lockf", O_CREAT | O_RDWR, 0644);
    char block[100];
    memset(block, 'x', sizeof block);
    check(write(fd, block, 100) == 100, "lock file of 100 bytes");
    int ofd = open("lockf", O_RDWR);
    struct flock fl;

    check(set_lock(fd, F_SETLK, F_WRLCK, SEEK_SET, 0, 10) == 0, "F_SETLK write [0,10)");
    fl = probe(fd, F_GETLK, F_WRLCK, 0, 100);
    check(fl.l_type == F_UNLCK, "F_GETLK: own locks do not conflict");
    check(fails_with(set_lock(ofd, F_OFD_SETLK, F_RDLCK, SEEK_SET, 5, 10), EAGAIN),
          "F_OFD_SETLK against the process's POSIX lock: EAGAIN");
    fl = probe(ofd, F_OFD_GETLK, F_WRLCK, 0, 100);
    check(fl.l_type == F_WRLCK && fl.l_whence == SEEK_SET && fl.l_start == 0 && fl.l_len == 10 && fl.l_pid == getpid(),
          "F_OFD_GETLK reports the POSIX lock and its pid");
    check(set_lock(ofd, F_OFD_SETLK, F_WRLCK, SEEK_SET, 20, 10) == 0, "F_OFD_SETLK write [20,30)");
    check(fails_with(set_lock(fd, F_SETLK, F_WRLCK, SEEK_SET, 25, 5), EAGAIN), "F_SETLK against the OFD lock: EAGAIN");
    fl = probe(fd, F_GETLK, F_RDLCK, 25, 0);
    check(fl.l_type == F_WRLCK && fl.l_start == 20 && fl.l_len == 10 && fl.l_pid == -1,
          "F_GETLK reports the OFD lock with l_pid -1");

    /* Split: unlock the middle of [0,10). */
    check(set_lock(fd, F_SETLK, F_UNLCK, SEEK_SET, 3, 3) == 0, "unlock [3,6)");
    fl = probe(ofd, F_OFD_GETLK, F_WRLCK, 3, 3);
    check(fl.l_type == F_UNLCK, "[3,6) is free");
    fl = probe(ofd, F_OFD_GETLK, F_WRLCK, 6, 1);
    check(fl.l_type == F_WRLCK && fl.l_start == 6 && fl.l_len == 4, "right part [6,10)");
    fl = probe(ofd, F_OFD_GETLK, F_WRLCK, 2, 1);
    check(fl.l_type == F_WRLCK && fl.l_start == 0 && fl.l_len == 3, "left part [0,3)");
    /* Different type in the gap, then the same type merges all three. */
    check(set_lock(fd, F_SETLK, F_RDLCK, SEEK_SET, 3, 3) == 0, "read lock [3,6)");
    fl = probe(ofd, F_OFD_GETLK, F_RDLCK, 4, 1);
    check(fl.l_type == F_UNLCK, "a read probe passes a read lock");
    fl = probe(ofd, F_OFD_GETLK, F_WRLCK, 4, 1);
    check(fl.l_type == F_RDLCK && fl.l_start == 3 && fl.l_len == 3, "a write probe meets it");
    check(set_lock(fd, F_SETLK, F_WRLCK, SEEK_SET, 3, 3) == 0, "write lock [3,6)");
    fl = probe(ofd, F_OFD_GETLK, F_WRLCK, 5, 1);
    check(fl.l_type == F_WRLCK && fl.l_start == 0 && fl.l_len == 10, "merged into [0,10)");

    /* Negative l_len, SEEK_CUR, SEEK_END with l_len 0. */
    check(set_lock(fd, F_SETLK, F_WRLCK, SEEK_SET, 50, -10) == 0, "l_len -10 from 50");
    fl = probe(ofd, F_OFD_GETLK, F_WRLCK, 45, 1);
    check(fl.l_type == F_WRLCK && fl.l_start == 40 && fl.l_len == 10, "covers [40,50)");
    check(lseek(fd, 60, SEEK_SET) == 60 && set_lock(fd, F_SETLK, F_WRLCK, SEEK_CUR, 0, 5) == 0, "SEEK_CUR lock");
    fl = probe(ofd, F_OFD_GETLK, F_WRLCK, 62, 1);
    check(fl.l_type == F_WRLCK && fl.l_start == 60 && fl.l_len == 5, "covers [60,65)");
    check(set_lock(fd, F_SETLK, F_WRLCK, SEEK_END, -10, 0) == 0, "SEEK_END -10, l_len 0");
    fl = probe(ofd, F_OFD_GETLK, F_WRLCK, 1000, 1);
    check(fl.l_type == F_WRLCK && fl.l_start == 90 && fl.l_len == 0, "covers [90, end of file)");

    /* Errors. */
    check(fails_with(set_lock(fd, F_SETLK, 7, SEEK_SET, 0, 1), EINVAL), "bad l_type: EINVAL");
    check(fails_with(set_lock(fd, F_SETLK, F_WRLCK, 9, 0, 1), EINVAL), "bad l_whence: EINVAL");
    check(fails_with(set_lock(fd, F_SETLK, F_WRLCK, SEEK_SET, -1, 1), EINVAL), "negative start: EINVAL");
    check(fails_with(set_lock(fd, F_SETLK, F_WRLCK, SEEK_SET, 5, -10), EINVAL), "l_len reaching below 0: EINVAL");
    fl = probe(fd, F_GETLK, F_UNLCK, 0, 1);
    check(fl.l_type == -1 && errno == EINVAL, "F_GETLK of F_UNLCK: EINVAL");
    memset(&fl, 0, sizeof fl);
    fl.l_type = F_RDLCK;
    fl.l_pid = 1;
    check(fails_with(fcntl(ofd, F_OFD_SETLK, &fl), EINVAL), "F_OFD_SETLK with l_pid != 0: EINVAL");
    int rd = open("lockf", O_RDONLY), wr = open("lockf", O_WRONLY);
    check(fails_with(set_lock(rd, F_SETLK, F_WRLCK, SEEK_SET, 200, 1), EBADF), "write lock on a read-only fd: EBADF");
    check(fails_with(set_lock(wr, F_SETLK, F_RDLCK, SEEK_SET, 200, 1), EBADF), "read lock on a write-only fd: EBADF");
    check(fails_with(set_lock(-1, F_SETLK, F_RDLCK, SEEK_SET, 0, 1), EBADF), "lock on fd -1: EBADF");

    /* Any close by the process drops its POSIX locks; OFD locks stay until their description's last close. */
    close(rd);
    fl = probe(ofd, F_OFD_GETLK, F_WRLCK, 0, 0);
    check(fl.l_type == F_UNLCK, "closing another fd of the file released the POSIX locks");
    fl = probe(fd, F_GETLK, F_WRLCK, 25, 1);
    check(fl.l_type == F_WRLCK && fl.l_pid == -1, "the OFD lock stays");
    int dupd = dup(ofd);
    close(ofd);
    fl = probe(fd, F_GETLK, F_WRLCK, 25, 1);
    check(fl.l_type == F_WRLCK, "a dup keeps the OFD lock alive");
    close(dupd);
    fl = probe(fd, F_GETLK, F_WRLCK, 25, 1);
    check(fl.l_type == F_UNLCK, "the last close released the OFD lock");
    int again = dup(fd);
    check(set_lock(again, F_SETLK, F_WRLCK, SEEK_SET, 0, 1) == 0, "POSIX lock through a dup");
    close(again);
    int probe_fd = open("lockf", O_RDWR);
    fl = probe(probe_fd, F_OFD_GETLK, F_WRLCK, 0, 1);
    check(fl.l_type == F_UNLCK, "closing the dup released it");
    close(probe_fd);
    close(wr);
    close(fd);
    unlink("lockf");
}

/* In a fresh directory under /tmp (tmpfs on Exo-OS): hostfs files belong to the host's user, whoever creates them. */
static void credentials_and_eacces(void) {
    int back = open(".", O_RDONLY | O_DIRECTORY);
    char tmp[] = "/tmp/file_attrs.XXXXXX";
    check(mkdtemp(tmp) != NULL && chmod(tmp, 0755) == 0 && chdir(tmp) == 0, "fresh directory under /tmp");
    int fd = open("secret", O_CREAT | O_WRONLY, 0600);
    check(fd >= 0 && write(fd, "s", 1) == 1, "root's 0600 secret");
    close(fd);
    check(mkdir("rootdir", 0755) == 0, "root's 0755 rootdir");
    check(mkdir("sticky", 0777) == 0 && chmod("sticky", 01777) == 0 && mode_of("sticky") == 01777, "sticky 01777 dir");
    fd = open("sticky/rootfile", O_CREAT | O_WRONLY, 0666);
    check(fd >= 0, "root's file in sticky");
    close(fd);

    check(setgroups(0, NULL) == 0 && getgroups(0, NULL) == 0, "setgroups none");
    gid_t groups[2] = {300, 200};
    gid_t got[4];
    check(setgroups(2, groups) == 0 && getgroups(4, got) == 2, "setgroups two");
    check(fails_with(getgroups(1, got), EINVAL), "getgroups too small: EINVAL");
    check(setresgid(1000, 1000, 0) == 0, "setresgid 1000 1000 0");
    check(setresuid(1000, 1000, 0) == 0, "setresuid 1000 1000 0");
    uid_t r, e, s;
    check(getresuid(&r, &e, &s) == 0 && r == 1000 && e == 1000 && s == 0, "getresuid 1000 1000 0");
    gid_t gr, ge, gs;
    check(getresgid(&gr, &ge, &gs) == 0 && gr == 1000 && ge == 1000 && gs == 0, "getresgid 1000 1000 0");
    check(getuid() == 1000 && geteuid() == 1000 && getgid() == 1000 && getegid() == 1000, "get*id 1000");

    check(fails_with(open("secret", O_RDONLY), EACCES), "open a 0600 root file: EACCES");
    check(fails_with(open("rootdir/new", O_CREAT | O_WRONLY, 0644), EACCES), "create in a 0755 root dir: EACCES");
    check(fails_with(unlink("sticky/rootfile"), EPERM), "unlink root's file in a sticky dir: EPERM");
    fd = open("sticky/mine", O_CREAT | O_WRONLY, 0644);
    check(fd >= 0, "create my own file in the sticky dir");
    close(fd);
    check(unlink("sticky/mine") == 0, "unlink my own file there");
    check(fails_with(chown("secret", 1000, -1), EPERM), "chown as non-root: EPERM");
    check(fails_with(chmod("secret", 0644), EPERM), "chmod of another's file: EPERM");
    struct timespec ts[2] = {{1, 0}, {1, 0}};
    check(fails_with(utimensat(AT_FDCWD, "secret", ts, 0), EPERM), "explicit times on another's file: EPERM");
    check(fails_with(utimensat(AT_FDCWD, "secret", NULL, 0), EACCES), "now on an unwritable file: EACCES");
    check(fails_with(truncate("secret", 0), EACCES), "truncate an unwritable file: EACCES");
    check(fails_with(setgroups(0, NULL), EPERM), "setgroups as non-root: EPERM");
    check(fails_with(setuid(2000), EPERM), "setuid to a stranger: EPERM");
    check(fails_with(setresuid(-1, 2000, -1), EPERM), "setresuid to a stranger: EPERM");

    /* fsuid 0 (allowed: 0 is the saved uid) opens the secret; access(2) still asks for the real uid. */
    check(setfsuid(0) == 1000 && setfsuid(-1) == 0, "setfsuid 0 returns the old fsuid");
    fd = open("secret", O_RDONLY);
    check(fd >= 0, "fsuid 0 opens the secret");
    close(fd);
    check(setfsuid(1000) == 0, "setfsuid back to 1000");
    check(setresuid(-1, 0, -1) == 0 && geteuid() == 0, "effective uid back to 0 by the saved uid");
    fd = open("secret", O_RDONLY);
    check(fd >= 0, "euid 0 opens the secret");
    close(fd);
    check(fails_with(access("secret", R_OK), EACCES), "access checks the real uid: EACCES");
    check(faccessat(AT_FDCWD, "secret", R_OK, AT_EACCESS) == 0, "faccessat AT_EACCESS checks the effective uid");
    check(setreuid(0, 0) == 0 && getresuid(&r, &e, &s) == 0 && r == 0 && e == 0 && s == 0, "setreuid 0 0: saved 0");
    check(setresgid(0, 0, 0) == 0 && setgroups(0, NULL) == 0, "root's groups back");
    check(setuid(0) == 0 && getuid() == 0, "setuid 0 as root");

    check(unlink("secret") == 0 && rmdir("rootdir") == 0 && unlink("sticky/rootfile") == 0 && rmdir("sticky") == 0,
          "cleanup as root");
    check(fchdir(back) == 0 && rmdir(tmp) == 0, "back by fchdir, /tmp directory removed");
    close(back);
}

static void errors(void) {
    check(symlink("loop1", "loop2") == 0 && symlink("loop2", "loop1") == 0, "a symlink loop");
    check(fails_with(open("loop1", O_RDONLY), ELOOP), "open a symlink loop: ELOOP");
    check(fails_with(stat("loop1/x", &(struct stat){0}), ELOOP), "walk through a loop: ELOOP");
    check(fails_with(mkdir("sub", 0755), EEXIST), "mkdir existing: EEXIST");
    check(fails_with(open("f", O_CREAT | O_EXCL | O_WRONLY, 0644), EEXIST), "O_EXCL existing: EEXIST");
    check(fails_with(open("sub", O_WRONLY), EISDIR), "open a directory for writing: EISDIR");
    check(fails_with(open("f/x", O_RDONLY), ENOTDIR), "open under a file: ENOTDIR");
    check(fails_with(fchownat(AT_FDCWD, "", 0, 0, 0), ENOENT), "empty path without AT_EMPTY_PATH: ENOENT");
    check(unlink("loop1") == 0 && unlink("loop2") == 0, "remove the loop");
}

int main(void) {
    char dir[64];
    struct timespec now;
    clock_gettime(CLOCK_REALTIME, &now); /* pids repeat on Exo-OS: every run is pid 1 */
    snprintf(dir, sizeof dir, "file_attrs.%ld.%ld", (long)getpid(), (long)now.tv_nsec);
    umask(022);
    check(mkdir(dir, 0755) == 0 && chdir(dir) == 0, "fresh test directory");
    modes_and_owners();
    timestamps();
    links();
    data_and_dirs();
    record_locks();
    credentials_and_eacces();
    errors();
    check(unlink("lnk") == 0 && unlink("f") == 0 && rmdir("sub") == 0, "remove files");
    check(chdir("..") == 0 && rmdir(dir) == 0, "remove the test directory");
    return failures != 0;
}
