/*
 * bench sys: the cost of system calls and of the process machinery, timed inside the program with
 * clock_gettime(CLOCK_MONOTONIC) (Exo-OS serves it from the host's monotonic clock). One source, built
 * for riscv64 (run on Exo-OS and under qemu-riscv64) and for the host (run natively).
 *
 *   sys OP=COUNT... [exec_path=PATH] [exec_via=INTERPRETER]
 *   sys --exit                       exits 0 at once: what the exec benchmark runs
 *
 * OPs, in the order given:
 *   getpid  the raw getpid system call (no libc caching)
 *   read    a 1-byte read of /dev/zero (on Exo-OS a request to the vfs server)
 *   pipe    a round trip: a byte to a child over one pipe and back over another
 *   fork    fork, the child _exits, the parent waits
 *   exec    fork, the child execs "PATH --exit" (through INTERPRETER when given: qemu-riscv64 cannot
 *           exec a riscv64 program without binfmt_misc, so it runs "INTERPRETER PATH --exit", as binfmt would)
 *   yield   a ping-pong between two processes through a counter in MAP_SHARED anonymous memory: each
 *           waits for its turn calling sched_yield; one round is two turns
 *   mmap    mmap 1 MiB anonymous, write a byte to each page, munmap
 * Each OP runs COUNT times untimed (Exo-OS compiles its interpreter's and kernel's hot paths as they run,
 * and a server in a JVM of its own starts cold) and then COUNT times timed.
 *
 * Prints one line "getpid_ns=N vfs_read_ns=N pipe_rtt_ns=N fork_exit_wait_ns=N fork_exec_ns=N
 * yield_pingpong_ns=N mmap_touch_ns=N" (those asked for, nanoseconds per operation, loop included) and exits
 * 0, or a line on stderr and exits 1 if a call fails.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define MMAP_BYTES (1L << 20)
#define PAGE 4096L

static const char *exec_path;
static const char *exec_via;

static long long now_ns(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (long long) t.tv_sec * 1000000000LL + t.tv_nsec;
}

static int fail(const char *what) {
    perror(what);
    return -1;
}

static int wait_ok(pid_t pid, const char *what) {
    int status;
    if (waitpid(pid, &status, 0) != pid) return fail(what);
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        fprintf(stderr, "%s: child ended with status 0x%x\n", what, status);
        return -1;
    }
    return 0;
}

static int run_getpid(long n) {
    long pid = syscall(SYS_getpid);
    for (long i = 0; i < n; i++) {
        if (syscall(SYS_getpid) != pid) {
            fprintf(stderr, "getpid changed\n");
            return -1;
        }
    }
    return 0;
}

static int zero_fd = -1;

static int run_read(long n) {
    char byte;
    for (long i = 0; i < n; i++) {
        byte = 1;
        if (read(zero_fd, &byte, 1) != 1 || byte != 0) return fail("read /dev/zero");
    }
    return 0;
}

/* The child echoes each byte until its input ends. */
static int run_pipe(long n) {
    int to_child[2], to_parent[2];
    if (pipe(to_child) != 0 || pipe(to_parent) != 0) return fail("pipe");
    pid_t pid = fork();
    if (pid < 0) return fail("fork");
    if (pid == 0) {
        close(to_child[1]);
        close(to_parent[0]);
        char c;
        ssize_t got;
        while ((got = read(to_child[0], &c, 1)) == 1) {
            if (write(to_parent[1], &c, 1) != 1) _exit(1);
        }
        _exit(got == 0 ? 0 : 1);
    }
    close(to_child[0]);
    close(to_parent[1]);
    int rc = 0;
    for (long i = 0; i < n && rc == 0; i++) {
        char c = (char) i, back = 0;
        if (write(to_child[1], &c, 1) != 1 || read(to_parent[0], &back, 1) != 1 || back != c) rc = fail("pipe round trip");
    }
    close(to_child[1]);
    close(to_parent[0]);
    return wait_ok(pid, "pipe echo child") | rc;
}

static int run_fork(long n) {
    for (long i = 0; i < n; i++) {
        pid_t pid = fork();
        if (pid < 0) return fail("fork");
        if (pid == 0) _exit(0);
        if (wait_ok(pid, "fork child") != 0) return -1;
    }
    return 0;
}

static int run_exec(long n) {
    if (exec_path == NULL) {
        fprintf(stderr, "exec needs exec_path=PATH\n");
        return -1;
    }
    char *via_argv[] = {(char *) exec_via, (char *) exec_path, "--exit", NULL};
    char *self_argv[] = {(char *) exec_path, "--exit", NULL};
    char *envp[] = {NULL};
    for (long i = 0; i < n; i++) {
        pid_t pid = fork();
        if (pid < 0) return fail("fork");
        if (pid == 0) {
            if (exec_via != NULL) execve(exec_via, via_argv, envp);
            else execve(exec_path, self_argv, envp);
            perror("execve");
            _exit(127);
        }
        if (wait_ok(pid, "exec child") != 0) return -1;
    }
    return 0;
}

/* The parent moves the counter from even to odd, the child from odd to even; 2n turns in all. */
static int run_yield(long n) {
    long *turn = mmap(NULL, PAGE, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    if (turn == MAP_FAILED) return fail("mmap shared");
    *turn = 0;
    long last = 2 * n;
    pid_t pid = fork();
    if (pid < 0) return fail("fork");
    int parity = pid == 0 ? 1 : 0;
    for (long mine = parity; mine < last; mine += 2) {
        while (__atomic_load_n(turn, __ATOMIC_ACQUIRE) != mine) sched_yield();
        __atomic_store_n(turn, mine + 1, __ATOMIC_RELEASE);
    }
    if (pid == 0) _exit(0);
    int rc = wait_ok(pid, "yield child");
    munmap(turn, PAGE);
    return rc;
}

static int run_mmap(long n) {
    for (long i = 0; i < n; i++) {
        char *p = mmap(NULL, MMAP_BYTES, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        if (p == MAP_FAILED) return fail("mmap");
        for (long off = 0; off < MMAP_BYTES; off += PAGE) p[off] = (char) off;
        if (munmap(p, MMAP_BYTES) != 0) return fail("munmap");
    }
    return 0;
}

struct op {
    const char *name;
    const char *key;
    int (*run)(long);
};

static const struct op OPS[] = {
    {"getpid", "getpid_ns", run_getpid},
    {"read", "vfs_read_ns", run_read},
    {"pipe", "pipe_rtt_ns", run_pipe},
    {"fork", "fork_exit_wait_ns", run_fork},
    {"exec", "fork_exec_ns", run_exec},
    {"yield", "yield_pingpong_ns", run_yield},
    {"mmap", "mmap_touch_ns", run_mmap},
};

int main(int argc, char **argv) {
    if (argc == 2 && strcmp(argv[1], "--exit") == 0) return 0;
    for (int i = 1; i < argc; i++) {
        if (strncmp(argv[i], "exec_path=", 10) == 0) exec_path = argv[i] + 10;
        else if (strncmp(argv[i], "exec_via=", 9) == 0) exec_via = argv[i] + 9;
    }
    char line[1024];
    size_t used = 0;
    line[0] = 0;
    for (int i = 1; i < argc; i++) {
        if (strncmp(argv[i], "exec_", 5) == 0) continue;
        const char *eq = strchr(argv[i], '=');
        const struct op *op = NULL;
        for (size_t k = 0; eq != NULL && k < sizeof OPS / sizeof OPS[0]; k++) {
            if (strlen(OPS[k].name) == (size_t) (eq - argv[i]) && strncmp(argv[i], OPS[k].name, eq - argv[i]) == 0) op = &OPS[k];
        }
        long n = eq != NULL ? atol(eq + 1) : 0;
        if (op == NULL || n <= 0) {
            fprintf(stderr, "sys: bad argument '%s' (expected OP=COUNT)\n", argv[i]);
            return 1;
        }
        if (op->run == run_read && zero_fd < 0 && (zero_fd = open("/dev/zero", O_RDONLY)) < 0) {
            perror("open /dev/zero");
            return 1;
        }
        if (op->run(n) != 0) return 1; /* warm-up */
        long long start = now_ns();
        if (op->run(n) != 0) return 1;
        long long total = now_ns() - start;
        used += snprintf(line + used, sizeof line - used, "%s%s=%.1f", used ? " " : "", op->key, (double) total / n);
        if (used >= sizeof line) return 1;
    }
    if (zero_fd >= 0) close(zero_fd);
    printf("%s\n", line);
    return 0;
}
