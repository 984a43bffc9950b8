/*
 * chroot(2) on Exo-OS, as root in a forked child (qemu-riscv64 would chroot the host process, or fail as a
 * user): a jail made under the cwd (the host scratch dir): absolute paths, "/.." and absolute symlink targets
 * resolve inside it, the cwd is not changed (getcwd says "(unreachable)" until chdir("/")), a grandchild
 * inherits the root, execve finds the program inside it, the parent is unaffected; the errors: EPERM as uid
 * 1000, ENOTDIR for a file, ENOENT for a missing path.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <elf.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "../check.h"

#define JAIL "chroot_jail"

static int fails_with(long rc, int err) {
    return rc == -1 && errno == err;
}

/* Whether `path` opens and holds exactly `want`. */
static int holds(const char *path, const char *want) {
    char buf[64];
    int fd = open(path, O_RDONLY);
    if (fd < 0) return 0;
    ssize_t n = read(fd, buf, sizeof buf - 1);
    close(fd);
    if (n < 0) return 0;
    buf[n] = 0;
    return strcmp(buf, want) == 0;
}

static int write_file(const char *path, const char *text, mode_t mode) {
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, mode);
    if (fd < 0) return -1;
    ssize_t n = write(fd, text, strlen(text));
    close(fd);
    return n == (ssize_t) strlen(text) ? 0 : -1;
}

/*
 * Writes a tiny static riscv64 program into the jail, so that execve can be tried inside it (this program
 * itself lies on the host, outside the vfs): it exits 0 if it can open /etc/x, else 1.
 */
static int write_probe(const char *to) {
    static const unsigned int code[] = {
        0xf9c00513, /* li a0, -100 (AT_FDCWD) */
        0x00000597, /* auipc a1, 0 */
        0x02058593, /* addi a1, a1, 32 (the path below) */
        0x00000613, /* li a2, 0 (O_RDONLY) */
        0x03800893, /* li a7, 56 (openat) */
        0x00000073, /* ecall */
        0x03f55513, /* srli a0, a0, 63 (1 if it failed) */
        0x05d00893, /* li a7, 93 (exit) */
        0x00000073, /* ecall */
        0x6374652f, 0x0000782f, /* "/etc/x" */
    };
    const unsigned long base = 0x10000, entry = base + sizeof(Elf64_Ehdr) + sizeof(Elf64_Phdr);
    Elf64_Ehdr eh = {0};
    memcpy(eh.e_ident, ELFMAG, SELFMAG);
    eh.e_ident[EI_CLASS] = ELFCLASS64;
    eh.e_ident[EI_DATA] = ELFDATA2LSB;
    eh.e_ident[EI_VERSION] = EV_CURRENT;
    eh.e_type = ET_EXEC;
    eh.e_machine = EM_RISCV;
    eh.e_version = EV_CURRENT;
    eh.e_entry = entry;
    eh.e_phoff = sizeof eh;
    eh.e_ehsize = sizeof eh;
    eh.e_phentsize = sizeof(Elf64_Phdr);
    eh.e_phnum = 1;
    Elf64_Phdr ph = {0};
    ph.p_type = PT_LOAD;
    ph.p_flags = PF_R | PF_X;
    ph.p_vaddr = ph.p_paddr = base;
    ph.p_filesz = ph.p_memsz = sizeof eh + sizeof ph + sizeof code;
    ph.p_align = 0x1000;
    int fd = open(to, O_WRONLY | O_CREAT | O_TRUNC, 0755);
    if (fd < 0) return -1;
    int ok = write(fd, &eh, sizeof eh) == sizeof eh && write(fd, &ph, sizeof ph) == sizeof ph
             && write(fd, code, sizeof code) == sizeof code;
    close(fd);
    return ok ? 0 : -1;
}

/* getcwd(2) itself: the libcs turn an answer not starting with '/' into ENOENT. */
static long raw_getcwd(char *buf, size_t size) {
    return syscall(SYS_getcwd, buf, size);
}

static int waited_ok(pid_t pid) {
    int status = 0;
    return pid > 0 && waitpid(pid, &status, 0) == pid && WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

/* The child: chroot into the jail and look around. */
static int jailed(void) {
    char cwd[256];
    struct stat root, up, inside;
    check(chroot(JAIL) == 0, "chroot(jail)");
    check(holds("/etc/x", "inside\n"), "/etc/x is the jail's");
    check(holds("/../etc/x", "inside\n"), "/../etc/x stays inside");
    check(holds("/../../../etc/../../etc/x", "inside\n"), "/../../../etc/../../etc/x stays inside");
    check(stat("/", &root) == 0 && stat("/..", &up) == 0 && root.st_ino == up.st_ino && root.st_dev == up.st_dev,
          "/.. is /");
    check(holds("/etc/abs", "inside\n"), "a link to /etc/x resolves inside");
    check(holds("/etc/dotdot", "inside\n"), "a link to /../../etc/x resolves inside");
    check(raw_getcwd(cwd, sizeof cwd) > 0 && strncmp(cwd, "(unreachable)/", 14) == 0,
          "getcwd outside the root is (unreachable)");
    check(fails_with(raw_getcwd(cwd, 14), ERANGE), "getcwd: (unreachable) counts in the size");
    check(holds(JAIL "/etc/x", "inside\n"), "the cwd is not changed: relative paths start outside");
    check(chdir("/..") == 0 && getcwd(cwd, sizeof cwd) != NULL && strcmp(cwd, "/") == 0, "chdir(/..) is /");
    check(chdir("/etc") == 0 && getcwd(cwd, sizeof cwd) != NULL && strcmp(cwd, "/etc") == 0, "getcwd is /etc");
    check(chdir("../..") == 0 && stat(".", &inside) == 0 && inside.st_ino == root.st_ino, "../.. from /etc is /");
    check(fails_with(chroot("/etc/x"), ENOTDIR), "chroot(file) is ENOTDIR");
    check(fails_with(chroot("/missing"), ENOENT), "chroot(missing) is ENOENT");

    pid_t pid = fork();
    if (pid == 0) _exit(holds("/etc/x", "inside\n") && stat("/bin", &inside) == 0 ? 0 : 1);
    check(waited_ok(pid), "a grandchild inherits the root");

    pid = fork();
    if (pid == 0) {
        char *argv[] = {"/bin/probe", NULL};
        execv("/bin/probe", argv);
        _exit(2);
    }
    check(waited_ok(pid), "execve finds /bin/probe inside the root, which opens the jail's /etc/x");

    check(chroot("/etc") == 0 && holds("/x", "inside\n"), "chroot again, relative to the root");
    return failures;
}

int main(void) {
    check(mkdir(JAIL, 0755) == 0 && mkdir(JAIL "/bin", 0755) == 0 && mkdir(JAIL "/etc", 0755) == 0,
          "jail/{bin,etc}");
    check(write_file(JAIL "/etc/x", "inside\n", 0644) == 0, "jail/etc/x");
    check(symlink("/etc/x", JAIL "/etc/abs") == 0 && symlink("/../../etc/x", JAIL "/etc/dotdot") == 0,
          "symlinks in the jail");
    check(write_probe(JAIL "/bin/probe") == 0, "jail/bin/probe");
    fflush(stdout);

    pid_t pid = fork();
    if (pid == 0) exit(jailed() == 0 ? 0 : 1);
    check(waited_ok(pid), "the jailed child passed");

    check(access("/etc/x", F_OK) != 0 || !holds("/etc/x", "inside\n"), "the parent's /etc/x is not the jail's");
    check(holds(JAIL "/etc/x", "inside\n"), "the parent still sees the jail under its cwd");

    pid = fork();
    if (pid == 0) {
        if (setuid(1000) != 0) _exit(2);
        _exit(fails_with(chroot("/"), EPERM) ? 0 : 1);
    }
    check(waited_ok(pid), "chroot as uid 1000 is EPERM");
    check(fails_with(chroot(JAIL "/etc/x"), ENOTDIR), "chroot(file) is ENOTDIR");
    check(fails_with(chroot(JAIL "/missing"), ENOENT), "chroot(missing) is ENOENT");

    unlink(JAIL "/bin/probe");
    unlink(JAIL "/etc/abs");
    unlink(JAIL "/etc/dotdot");
    unlink(JAIL "/etc/x");
    rmdir(JAIL "/etc");
    rmdir(JAIL "/bin");
    check(rmdir(JAIL) == 0, "jail removed");
    return failures != 0;
}
