/* exec.c (Exo-OS only: under qemu-riscv64 a riscv64 execve would need binfmt_misc on the host):
 * execve of this program with arguments, of a #! script naming it, from fork and from vfork; what the new
 * image inherits (open fds without close-on-exec, ignored signals, the mask, the pid) and what it loses
 * (close-on-exec fds, caught handlers, the alternate stack); the error cases ENOENT, EACCES, ENOEXEC,
 * ELOOP, E2BIG, ENOTDIR, EFAULT; and SA_NOCLDWAIT. The program finds itself in the vfs by trying ever
 * shorter tails of argv[0] or /proc/self/exe from its working directory (the host directory at /mnt/host). */
#define _GNU_SOURCE
#include "../check.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

static void on_usr1(int sig) { (void) sig; }

/* ---- the new images ---- */

/* argv: self --image CLOEXEC_FD KEPT_FD PID */
static int image_main(char **argv) {
    int cloexec_fd = atoi(argv[2]), kept_fd = atoi(argv[3]);
    pid_t pid = atoi(argv[4]);
    check(getpid() == pid, "image: the pid survives exec");
    errno = 0;
    check(fcntl(cloexec_fd, F_GETFD) == -1 && errno == EBADF, "image: the close-on-exec fd is closed");
    check(fcntl(kept_fd, F_GETFD) == 0, "image: the other fd is open, close-on-exec clear");
    check(write(kept_fd, "k", 1) == 1, "image: writes to the inherited pipe");
    struct sigaction sa;
    sigaction(SIGUSR1, NULL, &sa);
    check(sa.sa_handler == SIG_DFL, "image: the caught SIGUSR1 is back to SIG_DFL");
    sigaction(SIGUSR2, NULL, &sa);
    check(sa.sa_handler == SIG_IGN, "image: the ignored SIGUSR2 stays ignored");
    sigset_t mask;
    sigprocmask(SIG_BLOCK, NULL, &mask);
    check(sigismember(&mask, SIGHUP), "image: the blocked mask survives exec");
    stack_t ss;
    check(sigaltstack(NULL, &ss) == 0 && (ss.ss_flags & SS_DISABLE), "image: no alternate signal stack");
    char exe[4096] = {0};
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    check(n > 5 && strcmp(exe + n - 5, "/self") == 0, "image: /proc/self/exe names the new program");
    return failures != 0;
}

/* argv: self --script-of SCRIPT ARG1 (from a "#!self --script-of" line) */
static int script_main(int argc, char **argv) {
    const char *expected = getenv("EXEC_SCRIPT");
    check(argc == 4, "script: interpreter, its argument, the script and one argument");
    check(expected != NULL && strcmp(argv[2], expected) == 0, "script: argv[2] is the script's path");
    check(argc == 4 && strcmp(argv[3], "arg1") == 0, "script: the caller's argv[1] follows");
    return failures != 0;
}

/* ---- the test ---- */

static char self_path[4096];
static char dir[64], self_copy[128];

/* The tail of a host path of this program (argv[0], or /proc/self/exe's target) that names it from the
 * working directory, the host directory mounted at /mnt/host. */
static int locate_from(const char *host_path) {
    for (const char *p = host_path; p != NULL; p = strchr(p + 1, '/')) {
        const char *tail = *p == '/' ? p + 1 : p;
        if (*tail && access(tail, X_OK) == 0) {
            snprintf(self_path, sizeof self_path, "%s", tail);
            return 1;
        }
    }
    return 0;
}

static int locate_self(const char *argv0) {
    char exe[4096] = {0};
    if (locate_from(argv0)) return 1;
    return readlink("/proc/self/exe", exe, sizeof exe - 1) > 0 && locate_from(exe);
}

static int copy_file(const char *from, const char *to, mode_t mode) {
    int in = open(from, O_RDONLY), out = open(to, O_WRONLY | O_CREAT | O_TRUNC, mode);
    if (in < 0 || out < 0) return 0;
    char buf[65536];
    ssize_t n;
    while ((n = read(in, buf, sizeof buf)) > 0) if (write(out, buf, n) != n) return 0;
    close(in);
    close(out);
    return n == 0;
}

static void write_file(const char *path, const char *text, mode_t mode) {
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, mode);
    write(fd, text, strlen(text));
    close(fd);
    chmod(path, mode);
}

static int wait_code(pid_t pid) {
    int status;
    if (waitpid(pid, &status, 0) != pid) return -1;
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

static void test_exec_self(void) {
    int cloexec_pipe[2], kept_pipe[2];
    check(pipe2(cloexec_pipe, O_CLOEXEC) == 0 && pipe(kept_pipe) == 0, "pipes for the exec test");
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        struct sigaction sa;
        memset(&sa, 0, sizeof sa);
        sa.sa_handler = on_usr1;
        sigaction(SIGUSR1, &sa, NULL);
        signal(SIGUSR2, SIG_IGN);
        sigset_t mask;
        sigemptyset(&mask);
        sigaddset(&mask, SIGHUP);
        sigprocmask(SIG_BLOCK, &mask, NULL);
        static char altstack[16384];
        stack_t ss = {.ss_sp = altstack, .ss_size = sizeof altstack, .ss_flags = 0};
        sigaltstack(&ss, NULL);
        char a[16], b[16], c[16];
        snprintf(a, sizeof a, "%d", cloexec_pipe[1]);
        snprintf(b, sizeof b, "%d", kept_pipe[1]);
        snprintf(c, sizeof c, "%d", getpid());
        char *args[] = {self_copy, "--image", a, b, c, NULL};
        char *env[] = {NULL};
        execve(self_copy, args, env);
        _exit(100 + errno);
    }
    close(kept_pipe[1]);
    close(cloexec_pipe[1]);
    check(wait_code(pid) == 0, "the exec'd image passed its checks");
    char k = 0;
    check(read(kept_pipe[0], &k, 1) == 1 && k == 'k', "the new image wrote to the inherited pipe");
    close(kept_pipe[0]);
    close(cloexec_pipe[0]);
}

static void test_script(void) {
    char script[160], line[300], envvar[200];
    snprintf(script, sizeof script, "%s/script", dir);
    snprintf(line, sizeof line, "#!%s --script-of\necho not for a shell\n", self_copy);
    write_file(script, line, 0755);
    snprintf(envvar, sizeof envvar, "EXEC_SCRIPT=%s", script);
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        char *args[] = {script, "arg1", NULL};
        char *env[] = {envvar, NULL};
        execve(script, args, env);
        _exit(100 + errno);
    }
    check(wait_code(pid) == 0, "a #! script runs its interpreter with the argument and the script");

    fflush(stdout);
    pid = vfork();
    if (pid == 0) {
        char *args[] = {script, "arg1", NULL};
        char *env[] = {envvar, NULL};
        execve(script, args, env);
        _exit(100 + errno);
    }
    check(pid > 0 && wait_code(pid) == 0, "vfork then execve of the script");
    unlink(script);
}

static int exec_errno(const char *path, char **args) {
    char *env[] = {NULL};
    errno = 0;
    int rc = execve(path, args, env);
    return rc == -1 ? errno : 0;
}

static void test_errors(void) {
    char path[200];
    char *args[] = {"x", NULL};
    snprintf(path, sizeof path, "%s/missing", dir);
    check(exec_errno(path, args) == ENOENT, "execve of a missing file: ENOENT");
    snprintf(path, sizeof path, "%s/plain", dir);
    write_file(path, "#!/bin/sh\n", 0644);
    check(exec_errno(path, args) == EACCES, "execve of a file without execute permission: EACCES");
    snprintf(path, sizeof path, "%s/plain/below", dir);
    check(exec_errno(path, args) == ENOTDIR, "execve through a regular file: ENOTDIR");
    check(exec_errno(dir, args) == EACCES, "execve of a directory: EACCES");
    snprintf(path, sizeof path, "%s/garbage", dir);
    write_file(path, "hello, not a program\n", 0755);
    check(exec_errno(path, args) == ENOEXEC, "execve of an executable that is neither ELF nor script: ENOEXEC");
    snprintf(path, sizeof path, "%s/empty-interp", dir);
    write_file(path, "#!\n", 0755);
    check(exec_errno(path, args) == ENOEXEC, "a #! line naming no interpreter: ENOEXEC");
    char line[300];
    snprintf(path, sizeof path, "%s/no-interp", dir);
    snprintf(line, sizeof line, "#!%s/missing-interpreter\n", dir);
    write_file(path, line, 0755);
    check(exec_errno(path, args) == ENOENT, "a #! line naming a missing interpreter: ENOENT");
    snprintf(path, sizeof path, "%s/loop", dir);
    snprintf(line, sizeof line, "#!%s\n", path);
    write_file(path, line, 0755);
    check(exec_errno(path, args) == ELOOP, "a script that is its own interpreter: ELOOP");
    check(exec_errno((const char *) 8, args) == EFAULT, "execve of a bad path pointer: EFAULT");

    size_t big = 200 * 1024;
    char *huge = malloc(big);
    memset(huge, 'a', big - 1);
    huge[big - 1] = 0;
    char *big_args[] = {"x", huge, NULL};
    check(exec_errno(self_copy, big_args) == E2BIG, "an argument longer than MAX_ARG_STRLEN: E2BIG");
    free(huge);
    check(1, "the caller is intact after failed execs");

    const char *names[] = {"plain", "garbage", "empty-interp", "no-interp", "loop"};
    for (unsigned i = 0; i < sizeof names / sizeof names[0]; i++) {
        snprintf(path, sizeof path, "%s/%s", dir, names[i]);
        unlink(path);
    }
}

static void test_nocldwait(void) {
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = SIG_DFL;
    sa.sa_flags = SA_NOCLDWAIT;
    sigaction(SIGCHLD, &sa, NULL);
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) _exit(0);
    int status;
    errno = 0;
    check(waitpid(pid, &status, 0) == -1 && errno == ECHILD, "SA_NOCLDWAIT: the child is reaped, ECHILD");
    sa.sa_flags = 0;
    sigaction(SIGCHLD, &sa, NULL);
}

int main(int argc, char **argv) {
    if (argc >= 5 && strcmp(argv[1], "--image") == 0) return image_main(argv);
    if (argc >= 2 && strcmp(argv[1], "--script-of") == 0) return script_main(argc, argv);
    setvbuf(stdout, NULL, _IOLBF, 0);
    if (!locate_self(argv[0])) {
        check(0, "found this program from the working directory");
        return 1;
    }
    check(1, "found this program from the working directory");
    snprintf(dir, sizeof dir, "/tmp/exec-test-%d", getpid());
    check(mkdir(dir, 0755) == 0, "mkdir a scratch directory in /tmp");
    snprintf(self_copy, sizeof self_copy, "%s/self", dir);
    check(copy_file(self_path, self_copy, 0755), "copied this program to /tmp");
    test_exec_self();
    test_script();
    test_errors();
    test_nocldwait();
    unlink(self_copy);
    check(rmdir(dir) == 0, "scratch directory removed");
    printf("exec done\n");
    return failures != 0;
}
