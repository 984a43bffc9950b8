/*
 * The initial process stack as the kernel builds it: argc/argv, envp, and the auxiliary vector.
 * Output is facts, never addresses, so it is the same under any correct kernel and loader.
 * Exit status: 0 when every check passes, 1 otherwise (each failure is printed as "FAIL ...").
 */
#include <elf.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>
#include <unistd.h>

#include "check.h"

extern char **environ;
extern char _start[];



static int by_string(const void *a, const void *b) {
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static const char *base_name(const char *path) {
    const char *slash = strrchr(path, '/');
    return slash ? slash + 1 : path;
}

static void print_args(int argc, char **argv) {
    printf("argc=%d\n", argc);
    for (int i = 0; i < argc; i++) printf("argv[%d]=\"%s\"\n", i, argv[i]);
    check(argv[argc] == NULL, "argv[argc] is NULL");
}

/* The environment in sorted order: the order the kernel copies it in is not what we test. */
static void print_env(char **envp) {
    check(envp == environ, "main's envp is environ");
    size_t n = 0;
    while (environ[n]) n++;
    printf("envc=%zu\n", n);
    char **sorted = malloc((n + 1) * sizeof *sorted);
    memcpy(sorted, environ, n * sizeof *sorted);
    qsort(sorted, n, sizeof *sorted, by_string);
    for (size_t i = 0; i < n; i++) printf("env \"%s\"\n", sorted[i]);
    free(sorted);
    static const char *const names[] = {"HOME", "PATH", "LANG", "EXO_GREETING", "EXO_EMPTY", "EXO_MISSING"};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        const char *v = getenv(names[i]);
        if (v) printf("getenv(%s)=\"%s\"\n", names[i], v);
        else printf("getenv(%s)=NULL\n", names[i]);
    }
}

static void print_hwcap(unsigned long hwcap) {
    printf("AT_HWCAP letters=");
    for (int bit = 0; bit < 26; bit++)
        if (hwcap & (1UL << bit)) putchar('a' + bit);
    putchar('\n');
    /* RV64GC: i, m, a, f, d, c. */
    const char *need = "imafdc";
    int all = 1;
    for (const char *c = need; *c; c++) all &= (hwcap >> (*c - 'a')) & 1;
    check(all, "AT_HWCAP has imafdc");
}

static const char *segment_type(uint32_t type) {
    switch (type) {
    case PT_NULL: return "NULL";
    case PT_LOAD: return "LOAD";
    case PT_DYNAMIC: return "DYNAMIC";
    case PT_INTERP: return "INTERP";
    case PT_NOTE: return "NOTE";
    case PT_PHDR: return "PHDR";
    case PT_TLS: return "TLS";
    case PT_GNU_EH_FRAME: return "GNU_EH_FRAME";
    case PT_GNU_STACK: return "GNU_STACK";
    case PT_GNU_RELRO: return "GNU_RELRO";
    case 0x70000003: return "RISCV_ATTRIBUTES";
    default: return "OTHER";
    }
}

/* AT_PHDR must point at the program headers as mapped, AT_PHNUM must count them. */
static void print_program_headers(void) {
    const Elf64_Phdr *phdr = (const Elf64_Phdr *)getauxval(AT_PHDR);
    unsigned long phnum = getauxval(AT_PHNUM);
    check(phdr != NULL, "AT_PHDR is non-null");
    printf("AT_PHNUM=%lu\n", phnum);
    if (!phdr) return;
    int loads = 0;
    printf("segments:");
    for (unsigned long i = 0; i < phnum; i++) {
        printf(" %s", segment_type(phdr[i].p_type));
        if (phdr[i].p_type == PT_LOAD) loads++;
    }
    putchar('\n');
    check(loads > 0, "AT_PHDR lists a PT_LOAD segment");
    /* Static programs map their ELF header with the first PT_LOAD (file offset 0), right before
     * the program headers; from it the load bias follows, and the entry point must agree. */
    const Elf64_Ehdr *ehdr = (const Elf64_Ehdr *)((const char *)phdr - sizeof(Elf64_Ehdr));
    check(memcmp(ehdr->e_ident, ELFMAG, SELFMAG) == 0, "the ELF header is mapped just before AT_PHDR");
    if (memcmp(ehdr->e_ident, ELFMAG, SELFMAG) != 0) return;
    printf("e_type=%s\n", ehdr->e_type == ET_EXEC ? "EXEC" : ehdr->e_type == ET_DYN ? "DYN" : "OTHER");
    check(ehdr->e_machine == EM_RISCV, "e_machine is EM_RISCV");
    check(ehdr->e_phnum == phnum, "AT_PHNUM is e_phnum");
    for (unsigned long i = 0; i < phnum; i++) {
        if (phdr[i].p_type == PT_LOAD && phdr[i].p_offset == 0) {
            uintptr_t bias = (uintptr_t)ehdr - phdr[i].p_vaddr;
            check(ehdr->e_entry + bias == getauxval(AT_ENTRY), "AT_ENTRY is e_entry plus the load bias");
            printf("load bias is zero: %s\n", bias == 0 ? "yes" : "no");
            check((bias & 4095) == 0, "load bias is page aligned");
            break;
        }
    }
}

static void print_auxv(void) {
    printf("AT_PAGESZ=%lu\n", getauxval(AT_PAGESZ));
    check(getauxval(AT_PAGESZ) == 4096, "AT_PAGESZ is 4096");
    check(sysconf(_SC_PAGESIZE) == 4096, "sysconf(_SC_PAGESIZE) is 4096");
    print_hwcap(getauxval(AT_HWCAP));
    printf("AT_PHENT=%lu\n", getauxval(AT_PHENT));
    check(getauxval(AT_PHENT) == sizeof(Elf64_Phdr), "AT_PHENT is sizeof(Elf64_Phdr)");
    print_program_headers();
    check(getauxval(AT_ENTRY) == (unsigned long)(uintptr_t)_start, "AT_ENTRY is &_start");
    printf("AT_BASE=%lu\n", getauxval(AT_BASE));
    printf("AT_FLAGS=%lu\n", getauxval(AT_FLAGS));
    printf("AT_CLKTCK=%lu\n", getauxval(AT_CLKTCK));
    check(getauxval(AT_UID) == getuid(), "AT_UID is getuid()");
    check(getauxval(AT_EUID) == geteuid(), "AT_EUID is geteuid()");
    check(getauxval(AT_GID) == getgid(), "AT_GID is getgid()");
    check(getauxval(AT_EGID) == getegid(), "AT_EGID is getegid()");
    errno = 0;
    unsigned long secure = getauxval(AT_SECURE);
    printf("AT_SECURE=%lu (errno %s)\n", secure, errno ? "set" : "clear");
    check(secure == 0, "AT_SECURE is 0");

    const unsigned char *random = (const unsigned char *)getauxval(AT_RANDOM);
    check(random != NULL, "AT_RANDOM is non-null");
    if (random) {
        int nonzero = 0;
        for (int i = 0; i < 16; i++) nonzero |= random[i];
        check(nonzero != 0, "AT_RANDOM's 16 bytes are not all zero");
    }
    const char *execfn = (const char *)getauxval(AT_EXECFN);
    check(execfn != NULL, "AT_EXECFN is non-null");
    if (execfn) printf("AT_EXECFN basename=\"%s\"\n", base_name(execfn));

    errno = 0;
    unsigned long missing = getauxval(0x7fff);
    check(missing == 0 && errno == ENOENT, "getauxval of an absent type is 0 with ENOENT");
}

int main(int argc, char **argv, char **envp) {
    print_args(argc, argv);
    print_env(envp);
    print_auxv();
    printf("failures=%d\n", failures);
    return failures ? 1 : 0;
}
