/*
 * The file calls on a real file system: in a fresh directory made in the working directory, files are
 * created (open O_CREAT|O_EXCL, creat), written, read, seeked, read and written at positions, stat'ed,
 * truncated, shared by dup, listed (getdents64 through readdir), renamed, linked and removed; the errors
 * ENOENT, EEXIST, ENOTDIR, EISDIR and EBADF come back as Linux gives them; /dev/null and /dev/zero answer.
 * Prints facts, never names or numbers that differ between runs or hosts.
 * Exit status: 0 when every check passes, 1 otherwise.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check.h"

static int fails_with(int result, int expected_errno) { return result == -1 && errno == expected_errno; }

static int cmp(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

static void with_files(void) {
    puts("-- files");
    char buf[64];
    int fd = open("a.txt", O_CREAT | O_EXCL | O_WRONLY, 0644);
    check(fd >= 0, "open O_CREAT|O_EXCL makes a file");
    check(write(fd, "hello, files\n", 13) == 13, "write 13 bytes");
    check(close(fd) == 0, "close");
    check(fails_with(open("a.txt", O_CREAT | O_EXCL | O_WRONLY, 0644), EEXIST), "O_EXCL on an existing file is EEXIST");
    int b = creat("b.txt", 0600);
    check(b >= 0, "creat");
    check(close(b) == 0, "close the created file");

    fd = open("a.txt", O_RDWR);
    check(fd >= 0, "open O_RDWR");
    memset(buf, 0, sizeof buf);
    check(read(fd, buf, 5) == 5 && memcmp(buf, "hello", 5) == 0, "read the first 5 bytes");
    check(lseek(fd, 0, SEEK_CUR) == 5, "the offset moved to 5");
    check(lseek(fd, 0, SEEK_END) == 13, "SEEK_END is the size");
    check(pread(fd, buf, 5, 7) == 5 && memcmp(buf, "files", 5) == 0, "pread at 7");
    check(lseek(fd, 0, SEEK_CUR) == 13, "pread leaves the offset");
    check(pwrite(fd, "J", 1, 0) == 1, "pwrite at 0");
    check(lseek(fd, 0, SEEK_SET) == 0, "SEEK_SET to 0");
    check(read(fd, buf, sizeof buf) == 13 && memcmp(buf, "Jello, files\n", 13) == 0, "read it all back");
    check(read(fd, buf, sizeof buf) == 0, "read at the end is 0");
    check(fails_with(lseek(fd, -1, SEEK_SET), EINVAL), "a negative offset is EINVAL");

    struct stat st, st2;
    check(fstat(fd, &st) == 0, "fstat");
    check(S_ISREG(st.st_mode), "a regular file");
    check(st.st_size == 13, "of 13 bytes");
    check(st.st_nlink == 1, "with one link");
    check(stat("a.txt", &st2) == 0 && st2.st_ino == st.st_ino && st2.st_dev == st.st_dev, "stat names the same inode");

    int fd2 = dup(fd);
    check(fd2 > fd, "dup");
    check(lseek(fd, 2, SEEK_SET) == 2 && lseek(fd2, 0, SEEK_CUR) == 2, "dup shares the offset");
    check(close(fd2) == 0, "close the dup");
    check(read(fd, buf, 3) == 3 && memcmp(buf, "llo", 3) == 0, "the file stays open");

    check(ftruncate(fd, 4) == 0, "ftruncate to 4");
    check(fstat(fd, &st) == 0 && st.st_size == 4, "the size is 4");
    check(fcntl(fd, F_GETFL) >= 0 && (fcntl(fd, F_GETFL) & O_ACCMODE) == O_RDWR, "F_GETFL says O_RDWR");
    check(close(fd) == 0, "close");
    check(fails_with(close(fd), EBADF), "closing twice is EBADF");
    check(fails_with(read(fd, buf, 1), EBADF), "read on a closed fd is EBADF");
    check(fails_with(write(fd, buf, 1), EBADF), "write on a closed fd is EBADF");
    check(fails_with(fstat(fd, &st), EBADF), "fstat on a closed fd is EBADF");
}

static void with_directories(void) {
    puts("-- directories");
    struct stat st;
    check(mkdir("sub", 0755) == 0, "mkdir");
    check(fails_with(mkdir("sub", 0755), EEXIST), "mkdir again is EEXIST");
    check(stat("sub", &st) == 0 && S_ISDIR(st.st_mode), "stat says a directory");
    check(fstatat(AT_FDCWD, "", &st, AT_EMPTY_PATH) == 0 && S_ISDIR(st.st_mode), "AT_EMPTY_PATH on the cwd");
    check(fails_with(open("missing", O_RDONLY), ENOENT), "opening a missing file is ENOENT");
    check(fails_with(open("sub", O_WRONLY), EISDIR), "opening a directory for writing is EISDIR");
    check(fails_with(open("a.txt/x", O_RDONLY), ENOTDIR), "a file as a directory is ENOTDIR");
    check(fails_with(open("a.txt", O_RDONLY | O_DIRECTORY), ENOTDIR), "O_DIRECTORY on a file is ENOTDIR");
    check(fails_with(unlink("sub"), EISDIR), "unlink of a directory is EISDIR");
    check(fails_with(rmdir("a.txt"), ENOTDIR), "rmdir of a file is ENOTDIR");
    check(fails_with(unlink("missing"), ENOENT), "unlink of a missing file is ENOENT");

    check(rename("b.txt", "sub/c.txt") == 0, "rename into the subdirectory");
    check(fails_with(access("b.txt", F_OK), ENOENT), "the old name is gone");
    check(access("sub/c.txt", F_OK) == 0, "the new name is there");
    check(fails_with(rmdir("sub"), ENOTEMPTY), "rmdir of a non-empty directory is ENOTEMPTY");

    int dirfd = open("sub", O_RDONLY | O_DIRECTORY);
    check(dirfd >= 0, "open a directory");
    int fd = openat(dirfd, "c.txt", O_RDONLY);
    check(fd >= 0, "openat relative to a directory fd");
    check(close(fd) == 0 && close(dirfd) == 0, "close both");

    check(symlink("a.txt", "link") == 0, "symlink");
    char target[16];
    memset(target, 0, sizeof target);
    check(readlink("link", target, sizeof target) == 5 && strcmp(target, "a.txt") == 0, "readlink");
    check(lstat("link", &st) == 0 && S_ISLNK(st.st_mode), "lstat says a link");
    check(stat("link", &st) == 0 && S_ISREG(st.st_mode) && st.st_size == 4, "stat follows it");

    DIR *d = opendir(".");
    check(d != NULL, "opendir");
    char *names[16];
    int n = 0;
    for (struct dirent *e; d && (e = readdir(d)) != NULL && n < 16;) names[n++] = strdup(e->d_name);
    if (d) closedir(d);
    qsort(names, n, sizeof names[0], cmp);
    printf("listing:");
    for (int i = 0; i < n; i++) {
        printf(" %s", names[i]);
        free(names[i]);
    }
    printf("\n");
    check(n == 5, "five entries");
}

static void with_devices(void) {
    puts("-- devices");
    char buf[8];
    struct stat st;
    int null = open("/dev/null", O_RDWR);
    check(null >= 0, "open /dev/null");
    check(write(null, "gone", 4) == 4, "writes to /dev/null succeed");
    check(read(null, buf, sizeof buf) == 0, "reads from /dev/null are at the end");
    check(fstat(null, &st) == 0 && S_ISCHR(st.st_mode), "/dev/null is a character device");
    check(close(null) == 0, "close /dev/null");
    int zero = open("/dev/zero", O_RDONLY);
    check(zero >= 0, "open /dev/zero");
    memset(buf, 0x55, sizeof buf);
    check(read(zero, buf, sizeof buf) == 8, "read 8 bytes of /dev/zero");
    int zeros = 1;
    for (int i = 0; i < 8; i++) zeros &= buf[i] == 0;
    check(zeros, "all of them zero");
    check(close(zero) == 0, "close /dev/zero");
}

static void cleanup(void) {
    puts("-- cleanup");
    check(unlink("link") == 0, "unlink the link");
    check(unlink("a.txt") == 0, "unlink the file");
    check(unlink("sub/c.txt") == 0, "unlink the renamed file");
    check(rmdir("sub") == 0, "rmdir the subdirectory");
}

int main(void) {
    char cwd[4096];
    check(getcwd(cwd, sizeof cwd) != NULL && cwd[0] == '/', "getcwd is absolute");
    char dir[] = "files-XXXXXX";
    check(mkdtemp(dir) != NULL, "mkdtemp in the working directory");
    check(chdir(dir) == 0, "chdir into it");
    char inside[4096];
    check(getcwd(inside, sizeof inside) != NULL && strlen(inside) == strlen(cwd) + 1 + strlen(dir), "getcwd follows");
    with_files();
    with_directories();
    with_devices();
    cleanup();
    check(chdir("..") == 0, "chdir back");
    check(rmdir(dir) == 0, "rmdir the directory");
    check(fails_with(chdir(dir), ENOENT), "it is gone");
    return failures != 0;
}
