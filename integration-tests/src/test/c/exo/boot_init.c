/* boot_init.c: a tiny init for `exo boot` (BootTest packs it into an initramfs as /sbin/init). As pid 1 it
 * checks what the kernel gives init (pid 1, root, env, cwd "/"), reads a file from the archive, checks
 * reboot(2)'s errors, then powers the machine off (started through a #! script, from a vfork child, as busybox
 * init does). Run under another name than /sbin/init (ExoOnlyProgramsTest)
 * it checks only reboot's errors: EINVAL for bad magics and commands, EPERM for a non-root caller. */
#include "../check.h"

#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

/* linux/reboot.h */
#define MAGIC1 0xfee1deadu
#define MAGIC2 672274793
#define MAGIC2A 85072278
#define MAGIC2C 537993216
#define CMD_POWER_OFF 0x4321FEDCu
#define CMD_CAD_ON 0x89ABCDEFu
#define CMD_CAD_OFF 0x00000000u

static long raw_reboot(unsigned magic1, unsigned magic2, unsigned cmd) {
    return syscall(SYS_reboot, magic1, magic2, cmd, 0);
}

static void check_errors(void) {
    errno = 0;
    check(raw_reboot(0x12345678u, MAGIC2, CMD_POWER_OFF) == -1 && errno == EINVAL, "a bad magic1 is EINVAL");
    errno = 0;
    check(raw_reboot(MAGIC1, 42, CMD_POWER_OFF) == -1 && errno == EINVAL, "a bad magic2 is EINVAL");
    errno = 0;
    check(raw_reboot(MAGIC1, MAGIC2, 0x11111111u) == -1 && errno == EINVAL, "an unknown command is EINVAL");
    check(raw_reboot(MAGIC1, MAGIC2C, CMD_CAD_OFF) == 0, "CAD_OFF succeeds");
    check(raw_reboot(MAGIC1, MAGIC2A, CMD_CAD_ON) == 0, "CAD_ON succeeds");
    fflush(stdout);
    pid_t child = fork();
    if (child == 0) {
        if (setuid(1000) != 0) _exit(2);
        errno = 0;
        if (raw_reboot(MAGIC1, MAGIC2, CMD_POWER_OFF) != -1 || errno != EPERM) _exit(3);
        errno = 0;
        if (raw_reboot(0, 0, CMD_POWER_OFF) != -1 || errno != EPERM) _exit(4); /* privilege before magic */
        _exit(0);
    }
    int status = -1;
    check(child > 0 && waitpid(child, &status, 0) == child, "fork and wait");
    check(WIFEXITED(status) && WEXITSTATUS(status) == 0, "reboot by a non-root user is EPERM");
}

int main(int argc, char **argv) {
    if (argc < 1 || strcmp(argv[0], "/sbin/init") != 0) { /* not booted as init: reboot's errors only */
        check_errors();
        return failures != 0;
    }
    printf("exo init: hello from pid %d\n", (int) getpid());
    check(getpid() == 1, "init is pid 1");
    check(getuid() == 0 && geteuid() == 0, "init runs as root");
    printf("exo init: argc %d, last argument %s\n", argc, argv[argc - 1]);
    const char *home = getenv("HOME"), *path = getenv("PATH");
    check(home != NULL && strcmp(home, "/") == 0, "HOME is /");
    check(path != NULL && strcmp(path, "/sbin:/usr/sbin:/bin:/usr/bin") == 0, "PATH is the usual one");
    check(getenv("TERM") != NULL, "TERM is set");
    char cwd[64];
    check(getcwd(cwd, sizeof cwd) != NULL && strcmp(cwd, "/") == 0, "cwd is /");
    char motd[128] = {0};
    int fd = open("/etc/motd", O_RDONLY);
    check(fd >= 0 && read(fd, motd, sizeof motd - 1) > 0, "read /etc/motd from the initramfs");
    printf("motd: %s", motd);
    check_errors();
    if (failures) {
        printf("exo init: %d failed checks\n", failures);
        return 1;
    }
    printf("exo init: powering off\n");
    fflush(stdout);
    if (argc == 2) { /* as busybox init does: a vfork child calls reboot, init waits */
        pid_t child = vfork();
        if (child == 0) {
            raw_reboot(MAGIC1, MAGIC2, CMD_POWER_OFF);
            _exit(9);
        }
        waitpid(child, NULL, 0);
    } else {
        raw_reboot(MAGIC1, MAGIC2, CMD_POWER_OFF);
    }
    printf("FAIL reboot(POWER_OFF) returned (errno %d)\n", errno);
    return 1;
}
