/*
 * Exits with the status given as argv[1] (default 0), after printing it, so a test can check
 * that the status reaches the parent unchanged (the kernel keeps only the low 8 bits).
 * With argv[2] == "_exit" it leaves through _exit(2) instead of exit(3): stdio is flushed by
 * hand first, so the output is the same either way.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int main(int argc, char **argv) {
    int code = argc > 1 ? atoi(argv[1]) : 0;
    int raw = argc > 2 && strcmp(argv[2], "_exit") == 0;
    printf("exiting with %d via %s\n", code, raw ? "_exit" : "exit");
    if (raw) {
        fflush(stdout);
        _exit(code);
    }
    exit(code);
}
