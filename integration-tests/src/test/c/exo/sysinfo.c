/* sysinfo: sysinfo(2) and the /proc files busybox's free, uptime, ps and top read (/proc/stat, /proc/loadavg)
 * describe this machine: 64 MiB of memory (as ExoOnlyProgramsTest gives it) in bytes with mem_unit 1, as a
 * 64-bit Linux reports it, free memory that shrinks when pages are touched, an uptime of whole seconds rounded
 * up, a task count that grows with a child, and a bad address is EFAULT. Exo-only: a host's figures differ. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/sysinfo.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include "../check.h"

#define MACHINE_BYTES (64UL << 20)

static char buf[16384];

static long slurp(const char *path) {
    int fd = open(path, O_RDONLY);
    if (fd < 0) return -1;
    long total = 0, n;
    while ((n = read(fd, buf + total, sizeof buf - 1 - total)) > 0) total += n;
    close(fd);
    buf[total] = 0;
    return n < 0 ? -1 : total;
}

int main(void) {
    struct sysinfo si;
    memset(&si, 0xff, sizeof si);
    check(sysinfo(&si) == 0, "sysinfo succeeds");
    check(si.mem_unit == 1, "mem_unit is 1 (bytes)");
    check(si.totalram == MACHINE_BYTES, "totalram is the machine's memory");
    check(si.freeram > 0 && si.freeram < si.totalram, "freeram is some of it");
    check(si.totalswap == 0 && si.freeswap == 0, "no swap");
    check(si.totalhigh == 0 && si.freehigh == 0, "no high memory");
    check(si.uptime >= 1, "uptime is rounded up to a whole second");
    check(si.procs >= 1, "procs counts this process");

    /* /proc/meminfo says the same total */
    check(slurp("/proc/meminfo") > 0, "read /proc/meminfo");
    char *total = strstr(buf, "MemTotal:");
    check(total != NULL && strtoul(total + 9, NULL, 10) == MACHINE_BYTES / 1024, "MemTotal matches totalram");

    /* touching 4 MiB of fresh anonymous memory takes frames */
    size_t len = 4UL << 20;
    char *p = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    check(p != MAP_FAILED, "mmap 4 MiB");
    if (p != MAP_FAILED) {
        memset(p, 1, len);
        struct sysinfo after;
        check(sysinfo(&after) == 0 && after.freeram + len / 2 <= si.freeram, "freeram falls as pages are touched");
        munmap(p, len);
    }

    /* a live child is one more task */
    int ready[2];
    check(pipe(ready) == 0, "pipe");
    pid_t child = fork();
    if (child == 0) {
        close(ready[0]);
        write(ready[1], "x", 1);
        pause();
        _exit(0);
    }
    char c;
    check(read(ready[0], &c, 1) == 1, "child started");
    struct sysinfo with;
    check(sysinfo(&with) == 0 && with.procs >= si.procs + 1, "procs counts the child");
    kill(child, SIGKILL);
    waitpid(child, NULL, 0);

    /* /proc/loadavg: "%d.%02d %d.%02d %d.%02d running/total lastpid" */
    check(slurp("/proc/loadavg") > 0, "read /proc/loadavg");
    double l1, l5, l15;
    int running, tasks, last;
    check(sscanf(buf, "%lf %lf %lf %d/%d %d", &l1, &l5, &l15, &running, &tasks, &last) == 6, "loadavg parses");
    check(running >= 1 && tasks >= running && last >= getpid(), "loadavg counts tasks");

    /* /proc/stat: a cpu line with ten columns, one line per hart, and btime near the boot */
    check(slurp("/proc/stat") > 0, "read /proc/stat");
    unsigned long long col[10];
    check(sscanf(buf, "cpu  %llu %llu %llu %llu %llu %llu %llu %llu %llu %llu", &col[0], &col[1], &col[2], &col[3],
                 &col[4], &col[5], &col[6], &col[7], &col[8], &col[9]) == 10, "stat's cpu line has ten columns");
    check(strstr(buf, "\ncpu0 ") != NULL, "stat has a cpu0 line");
    char *btime = strstr(buf, "\nbtime ");
    long boot = btime ? strtol(btime + 7, NULL, 10) : 0;
    struct sysinfo now;
    sysinfo(&now);
    long expected = (long) time(NULL) - now.uptime;
    check(btime != NULL && boot >= expected - 2 && boot <= expected + 2, "btime is the boot time");
    check(strstr(buf, "\nprocs_running ") != NULL && strstr(buf, "\nprocs_blocked ") != NULL, "stat counts procs");

    /* a bad address */
    errno = 0;
    check(syscall(SYS_sysinfo, (void *) 8) == -1 && errno == EFAULT, "sysinfo(bad address) is EFAULT");
    return failures != 0;
}
