/*
 * sethostname(2) and setdomainname(2): uname shows the new names; a name longer than 64 bytes is EINVAL;
 * an unprivileged process gets EPERM. (Exo-only: under qemu-user the call would rename the host.)
 */
#define _GNU_SOURCE
#include <errno.h>
#include <string.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <unistd.h>

#include "../check.h"

int main(void) {
    struct utsname u;
    check(sethostname("exo-test", 8) == 0, "sethostname as root");
    check(uname(&u) == 0 && strcmp(u.nodename, "exo-test") == 0, "uname shows the new host name");
    char name[65];
    check(gethostname(name, sizeof name) == 0 && strcmp(name, "exo-test") == 0, "gethostname agrees");
    check(setdomainname("example", 7) == 0 && uname(&u) == 0 && strcmp(u.domainname, "example") == 0,
          "setdomainname shows in uname");
    char longer[70];
    memset(longer, 'x', sizeof longer);
    errno = 0;
    check(sethostname(longer, 65) == -1 && errno == EINVAL, "a 65-byte name is EINVAL");
    pid_t child = fork();
    if (child == 0) {
        if (setuid(1000) != 0) _exit(2);
        errno = 0;
        _exit(sethostname("nope", 4) == -1 && errno == EPERM ? 0 : 1);
    }
    int status = 0;
    waitpid(child, &status, 0);
    check(WIFEXITED(status) && WEXITSTATUS(status) == 0, "an unprivileged process gets EPERM");
    check(uname(&u) == 0 && strcmp(u.nodename, "exo-test") == 0, "and the name is unchanged");
    check(sethostname("exo", 3) == 0, "the name is set back");
    return failures != 0;
}
