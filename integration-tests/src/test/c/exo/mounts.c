/*
 * mount(2), umount2(2) and statfs(2) on Exo-OS (as root, which the vfs needs for mounts): a tmpfs on a new
 * directory under /tmp used for files, its TMPFS_MAGIC, its line in /proc/mounts, EBUSY while a file is open
 * there and MNT_DETACH, read-only mounts (EROFS), proc and devtmpfs mounted elsewhere, and the errors: ENODEV
 * for an unknown type, ENOENT for a missing target, EINVAL for a target that is no mount, EPERM as uid 1000.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <unistd.h>

#include "../check.h"

#define TMPFS_MAGIC 0x01021994
#define PROC_SUPER_MAGIC 0x9fa0

static int fails_with(long rc, int err) {
    return rc == -1 && errno == err;
}

/* Whether /proc/mounts has a line whose mount point is `dir` and type `type`. */
static int listed(const char *dir, const char *type) {
    char line[512], want[300];
    snprintf(want, sizeof want, " %s %s ", dir, type);
    FILE *f = fopen("/proc/mounts", "r");
    if (f == NULL) return 0;
    int found = 0;
    while (fgets(line, sizeof line, f) != NULL) {
        if (strstr(line, want) != NULL) found = 1;
    }
    fclose(f);
    return found;
}

int main(void) {
    const char *base = "/tmp/mounts_test";
    char t[64], p[64], d[64], file[96];
    snprintf(t, sizeof t, "%s/t", base);
    snprintf(p, sizeof p, "%s/p", base);
    snprintf(d, sizeof d, "%s/d", base);
    check(mkdir(base, 0755) == 0 && mkdir(t, 0755) == 0 && mkdir(p, 0755) == 0 && mkdir(d, 0755) == 0,
          "directories to mount on");

    /* tmpfs: use it, statfs, /proc/mounts. */
    check(mount("none", t, "tmpfs", 0, "mode=700") == 0, "mount tmpfs");
    struct stat st;
    check(stat(t, &st) == 0 && (st.st_mode & 07777) == 0700, "the mount's root has mode=700");
    snprintf(file, sizeof file, "%s/file", t);
    int fd = open(file, O_CREAT | O_RDWR, 0644);
    char buf[8] = {0};
    check(fd >= 0 && write(fd, "tmpfs", 5) == 5 && pread(fd, buf, 5, 0) == 5 && strcmp(buf, "tmpfs") == 0,
          "a file on it");
    struct statfs sf;
    check(statfs(t, &sf) == 0 && sf.f_type == TMPFS_MAGIC, "statfs: TMPFS_MAGIC");
    check(fstatfs(fd, &sf) == 0 && sf.f_type == TMPFS_MAGIC && sf.f_bsize > 0, "fstatfs of the file: TMPFS_MAGIC");
    check(listed(t, "tmpfs"), "/proc/mounts lists it");

    /* Busy, then detached with the file still open. */
    check(fails_with(umount2(t, 0), EBUSY), "umount2 with an open file: EBUSY");
    check(umount2(t, MNT_DETACH) == 0, "umount2 MNT_DETACH");
    check(pread(fd, buf, 5, 0) == 5 && strcmp(buf, "tmpfs") == 0, "the open file lives on");
    check(fails_with(stat(file, &st), ENOENT), "the name is gone from the tree");
    check(!listed(t, "tmpfs"), "/proc/mounts no longer lists it");
    close(fd);

    /* A read-only mount and an ordinary umount. */
    check(mount("none", t, "tmpfs", MS_RDONLY, NULL) == 0, "mount tmpfs read-only");
    check(fails_with(open(file, O_CREAT | O_WRONLY, 0644), EROFS), "create on it: EROFS");
    check(umount2(t, 0) == 0, "umount2");
    check(statfs(t, &sf) == 0 && sf.f_type == TMPFS_MAGIC, "the directory below is the root tmpfs again");

    /* proc and devtmpfs elsewhere. */
    check(mount("proc", p, "proc", 0, NULL) == 0, "mount proc");
    check(statfs(p, &sf) == 0 && sf.f_type == PROC_SUPER_MAGIC, "statfs: PROC_SUPER_MAGIC");
    char path[128];
    snprintf(path, sizeof path, "%s/meminfo", p);
    check(access(path, R_OK) == 0, "its meminfo is there");
    check(listed(p, "proc"), "/proc/mounts lists proc");
    check(umount2(p, 0) == 0, "umount2 proc");
    check(mount("devtmpfs", d, "devtmpfs", 0, NULL) == 0, "mount devtmpfs");
    snprintf(path, sizeof path, "%s/null", d);
    fd = open(path, O_WRONLY);
    check(fd >= 0 && write(fd, "x", 1) == 1, "its null takes a write");
    close(fd);
    check(umount2(d, 0) == 0, "umount2 devtmpfs");

    /* Errors. */
    check(fails_with(mount("none", t, "nosuchfs", 0, NULL), ENODEV), "unknown type: ENODEV");
    check(fails_with(mount("none", "/tmp/mounts_test/missing", "tmpfs", 0, NULL), ENOENT), "missing target: ENOENT");
    check(fails_with(umount2(t, 0), EINVAL), "umount2 of a directory that is no mount: EINVAL");
    check(fails_with(umount2(t, 0x80000000), EINVAL), "umount2 unknown flags: EINVAL");
    check(fails_with(umount2("/tmp/mounts_test/missing", 0), ENOENT), "umount2 missing: ENOENT");
    check(setresuid(1000, 1000, 0) == 0, "become uid 1000, saved uid 0");
    check(fails_with(mount("none", t, "tmpfs", 0, NULL), EPERM), "mount as non-root: EPERM");
    check(fails_with(umount2("/dev", 0), EPERM), "umount2 as non-root: EPERM");
    check(setresuid(0, 0, 0) == 0 && geteuid() == 0, "root again");

    check(rmdir(t) == 0 && rmdir(p) == 0 && rmdir(d) == 0 && rmdir(base) == 0, "cleanup");
    return failures != 0;
}
