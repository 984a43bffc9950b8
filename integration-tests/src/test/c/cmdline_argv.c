/* cmdline_argv: /proc/self/cmdline is the bytes where exec put the arguments (Linux's arg_start..arg_end,
 * fixed at exec), so pointing argv[i] at other strings, as busybox top does to its arguments and
 * setproctitle-style code does, changes nothing in it. */
#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

static void show(const char *when) {
    char buf[4096];
    int fd = open("/proc/self/cmdline", O_RDONLY);
    ssize_t n = fd < 0 ? -1 : read(fd, buf, sizeof buf);
    if (fd >= 0) close(fd);
    printf("%s: %zd bytes: ", when, n);
    for (ssize_t i = 0; i < n; i++) putchar(buf[i] == 0 ? '|' : buf[i]);
    putchar('\n');
}

int main(int argc, char **argv) {
    static char replacement[] = "-replaced-by-a-longer-string";
    show("at start");
    for (int i = 1; i < argc; i++) argv[i] = replacement;
    show("argv pointers moved");
    argv[argc - 1] = replacement;
    argv[0] = replacement;
    show("argv[0] moved too");
    return 0;
}
