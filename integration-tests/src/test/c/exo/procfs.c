/* procfs: /proc shows the kernel's real processes, asked over the kernel-information channel in either
 * isolation mode: /proc/self/{exe,cmdline,status,stat,maps,fd/} describe this very process, /proc/meminfo the
 * machine's memory (64 MiB, as ExoOnlyProgramsTest and `bin/exo run --mem 64M` give it), /proc/uptime
 * advances, and a pid that does not exist is ENOENT. Exo-only: under a host kernel the facts differ. */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include "../check.h"

/* The machine's memory in kB, as the tests run it. */
#define MACHINE_KB (64L * 1024)

static char buf[65536];

/* Reads a whole /proc file into buf (NUL-terminated); its length, or -1. */
static long slurp(const char *path) {
    int fd = open(path, O_RDONLY);
    if (fd < 0) return -1;
    long total = 0;
    for (;;) {
        ssize_t n = read(fd, buf + total, sizeof buf - 1 - total);
        if (n < 0) { close(fd); return -1; }
        if (n == 0) break;
        total += n;
    }
    close(fd);
    buf[total] = 0;
    return total;
}

/* The number after "Key:" on its line of buf, or -1. */
static long field(const char *key) {
    char *line = strstr(buf, key);
    if (line == NULL) return -1;
    return strtol(line + strlen(key), NULL, 10);
}

int main(int argc, char **argv) {
    pid_t pid = getpid();
    char path[256], link[4096];

    /* exe: the path the kernel ran; an absolute argv[0] is that path */
    ssize_t n = readlink("/proc/self/exe", link, sizeof link - 1);
    check(n > 0, "readlink /proc/self/exe");
    if (n > 0) link[n] = 0;
    check(n > 0 && link[0] == '/', "exe is an absolute path");
    const char *base = strrchr(argv[0], '/');
    base = base ? base + 1 : argv[0];
    check(n > 0 && strlen(link) >= strlen(base) && strcmp(link + strlen(link) - strlen(base), base) == 0,
          "exe names this program");
    if (argv[0][0] == '/') {
        char *real = realpath(argv[0], NULL);
        /* the program's own file is a host file the vfs may not hold: compare with argv[0] then */
        check(n > 0 && (strcmp(link, argv[0]) == 0 || (real != NULL && strcmp(link, real) == 0)),
              "exe is argv[0]'s real path");
        free(real);
    }

    /* cmdline: argv joined by NULs */
    char expected[4096];
    size_t len = 0;
    for (int i = 0; i < argc; i++) {
        size_t l = strlen(argv[i]) + 1;
        memcpy(expected + len, argv[i], l);
        len += l;
    }
    long got = slurp("/proc/self/cmdline");
    check(got == (long) len && memcmp(buf, expected, len) == 0, "cmdline is argv joined by NULs");

    /* status */
    check(slurp("/proc/self/status") > 0, "read /proc/self/status");
    check(field("\nPid:\t") == pid, "status Pid");
    check(field("\nPPid:\t") == getppid(), "status PPid");
    char want[128];
    snprintf(want, sizeof want, "\nUid:\t%d\t%d\t%d\t%d\n", getuid(), geteuid(), getuid(), geteuid());
    check(strstr(buf, want) != NULL, "status Uid line");
    snprintf(want, sizeof want, "\nGid:\t%d\t%d\t%d\t%d\n", getgid(), getegid(), getgid(), getegid());
    check(strstr(buf, want) != NULL, "status Gid line");
    check(field("\nVmSize:\t") > 0 && field("\nVmRSS:\t") > 0, "status VmSize and VmRSS");
    check(field("\nVmPeak:\t") >= field("\nVmSize:\t"), "status VmPeak >= VmSize");

    /* stat fields 1-4: pid (comm) state ppid */
    check(slurp("/proc/self/stat") > 0, "read /proc/self/stat");
    int spid = 0, sppid = -1;
    char comm[64] = "", state = 0;
    check(sscanf(buf, "%d (%63[^)]) %c %d", &spid, comm, &state, &sppid) == 4, "stat parses");
    check(spid == pid, "stat pid");
    check(strncmp(comm, base, 15) == 0, "stat comm");
    check(state == 'R', "stat state");
    check(sppid == getppid(), "stat ppid");

    /* maps: a fresh mapping shows rw-p; the stack is named */
    void *m = mmap(NULL, 3 * 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    check(m != MAP_FAILED, "mmap");
    snprintf(want, sizeof want, "%08lx-%08lx rw-p ", (unsigned long) m, (unsigned long) m + 3 * 4096);
    check(slurp("/proc/self/maps") > 0, "read /proc/self/maps");
    check(strstr(buf, want) != NULL, "maps shows the fresh mapping rw-p");
    check(strstr(buf, "[stack]\n") != NULL, "maps shows [stack]");
    char *stack = strstr(buf, "[stack]\n");
    while (stack != NULL && stack > buf && stack[-1] != '\n') stack--;
    check(stack != NULL && strncmp(strchr(stack, ' ') + 1, "rw-p", 4) == 0, "stack is rw-p");
    munmap(m, 3 * 4096);

    /* fd: 0, 1, 2 and a file we opened, whose link is its path */
    snprintf(path, sizeof path, "/tmp/procfs-test-%d", (int) pid);
    int fd = open(path, O_CREAT | O_RDWR | O_TRUNC, 0600);
    check(fd >= 3, "open a file");
    DIR *dir = opendir("/proc/self/fd");
    check(dir != NULL, "opendir /proc/self/fd");
    int seen[4] = {0, 0, 0, 0};
    struct dirent *e;
    while (dir != NULL && (e = readdir(dir)) != NULL) {
        if (e->d_name[0] == '.') continue;
        int n2 = atoi(e->d_name);
        if (n2 >= 0 && n2 <= 2) seen[n2] = 1;
        if (n2 == fd) seen[3] = 1;
    }
    if (dir != NULL) closedir(dir);
    check(seen[0] && seen[1] && seen[2], "fd lists 0 1 2");
    check(seen[3], "fd lists the opened file");
    char fdpath[64];
    snprintf(fdpath, sizeof fdpath, "/proc/self/fd/%d", fd);
    n = readlink(fdpath, link, sizeof link - 1);
    if (n > 0) link[n] = 0;
    check(n > 0 && strcmp(link, path) == 0, "readlink fd gives its path");
    close(fd);
    unlink(path);

    /* /proc/[pid] is /proc/self */
    snprintf(path, sizeof path, "/proc/%d/cmdline", (int) pid);
    check(slurp(path) == (long) len, "/proc/<pid>/cmdline");

    /* meminfo */
    check(slurp("/proc/meminfo") > 0, "read /proc/meminfo");
    check(field("MemTotal:") == MACHINE_KB, "MemTotal is the machine's memory");
    long free1 = field("\nMemFree:");
    check(free1 > 0 && free1 <= MACHINE_KB, "MemFree within MemTotal");

    /* uptime advances */
    check(slurp("/proc/uptime") > 0, "read /proc/uptime");
    double up1 = strtod(buf, NULL);
    struct timespec pause = {0, 30 * 1000 * 1000};
    nanosleep(&pause, NULL);
    slurp("/proc/uptime");
    double up2 = strtod(buf, NULL);
    check(up1 > 0 && up2 > up1, "uptime increases");

    /* cpuinfo names a hart */
    check(slurp("/proc/cpuinfo") > 0 && strstr(buf, "processor\t: 0\n") != NULL, "cpuinfo shows processor 0");

    /* a pid that does not exist */
    errno = 0;
    check(open("/proc/99999/status", O_RDONLY) < 0 && errno == ENOENT, "/proc/99999 is ENOENT");
    struct stat st;
    errno = 0;
    check(stat("/proc/99999", &st) < 0 && errno == ENOENT, "stat /proc/99999 is ENOENT");

    return failures != 0;
}
