/* clone_share.c: clone(2) without CLONE_THREAD sharing what the caller asks for. A child made with CLONE_FILES
 * uses the parent's fd table itself (an fd it opens or closes is the parent's), one made with CLONE_FS shares the
 * working directory and umask, one made with CLONE_VM|CLONE_SIGHAND shares the dispositions. Without the flags
 * each gets copies. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "../check.h"

static long raw_clone(unsigned long flags) {
    return syscall(SYS_clone, flags, 0, 0, 0, 0);
}

static int wait_status(long pid) {
    int status = -1;
    if (waitpid((pid_t) pid, &status, 0) != pid) return -1;
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

static void handler(int sig) { (void) sig; }

static char stack[64 * 1024] __attribute__((aligned(16)));
static volatile int vm_done;

static int sighand_child(void *arg) {
    (void) arg;
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = SIG_IGN;
    int ok = sigaction(SIGUSR2, &sa, 0) == 0;
    vm_done = 1;
    return ok ? 0 : 1;
}

int main(void) {
    /* CLONE_FILES: the child's dup2 and close are the parent's */
    int fd = open("/tmp/clone_share.txt", O_CREAT | O_RDWR | O_TRUNC, 0644);
    check(fd >= 0, "open a scratch file");
    long pid = raw_clone(CLONE_FILES | SIGCHLD);
    if (pid == 0) {
        if (dup2(fd, 40) != 40) _exit(2);
        close(fd);
        _exit(0);
    }
    check(pid > 0 && wait_status(pid) == 0, "CLONE_FILES child ran");
    check(fcntl(40, F_GETFD) == 0, "the child's dup2 made fd 40 in the parent");
    check(fcntl(fd, F_GETFD) == -1 && errno == EBADF, "the child's close closed the parent's fd");
    close(40);

    /* without CLONE_FILES, a copy */
    fd = open("/tmp/clone_share.txt", O_RDONLY);
    pid = raw_clone(SIGCHLD);
    if (pid == 0) {
        close(fd);
        _exit(fcntl(fd, F_GETFD) == -1 ? 0 : 3);
    }
    check(pid > 0 && wait_status(pid) == 0, "a plain child closed its copy");
    check(fcntl(fd, F_GETFD) == 0, "the parent's fd stays open");

    close(fd);

    /* CLONE_FS: chdir and umask are shared; without it they are not */
    check(chdir("/") == 0, "chdir /");
    umask(022);
    pid = raw_clone(CLONE_FS | SIGCHLD);
    if (pid == 0) {
        umask(077);
        _exit(chdir("/tmp") == 0 ? 0 : 5);
    }
    check(pid > 0 && wait_status(pid) == 0, "CLONE_FS child ran");
    char cwd[64];
    check(getcwd(cwd, sizeof cwd) && strcmp(cwd, "/tmp") == 0, "the child's chdir moved the parent");
    check(umask(022) == 077, "the child's umask is the parent's");
    pid = raw_clone(SIGCHLD);
    if (pid == 0) _exit(chdir("/") == 0 ? 0 : 6);
    check(pid > 0 && wait_status(pid) == 0, "a plain child changed directory");
    check(getcwd(cwd, sizeof cwd) && strcmp(cwd, "/tmp") == 0, "the parent stayed");

    /* CLONE_SIGHAND needs CLONE_VM */
    check(raw_clone(CLONE_SIGHAND | SIGCHLD) == -1 && errno == EINVAL, "CLONE_SIGHAND without CLONE_VM: EINVAL");
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = handler;
    sigaction(SIGUSR2, &sa, 0);
    pid = clone(sighand_child, stack + sizeof stack, CLONE_VM | CLONE_SIGHAND | SIGCHLD, 0);
    check(pid > 0 && wait_status(pid) == 0 && vm_done, "CLONE_VM|CLONE_SIGHAND child ran");
    struct sigaction now;
    sigaction(SIGUSR2, 0, &now);
    check(now.sa_handler == SIG_IGN, "the child's sigaction is the parent's");

    unlink("/tmp/clone_share.txt");
    return failures != 0;
}
