package org.exoos.servers.tty;

/**
 * The kernel's character classes (lib/ctype.c), which n_tty uses for echo, word erase and case
 * mapping: ASCII plus the Latin-1 letters; bytes 128-159 are not control characters.
 */
final class KernelCtype {
    private KernelCtype() {}

    /** 0-31 and 127. */
    static boolean isCntrl(final int c) {
        return c < 0x20 || c == 0x7f;
    }

    /** A-Z and Latin-1 0xc0-0xde except 0xd7 (multiplication sign). */
    static boolean isUpper(final int c) {
        return (c >= 'A' && c <= 'Z') || (c >= 0xc0 && c <= 0xde && c != 0xd7);
    }

    /** a-z and Latin-1 0xdf-0xff except 0xf7 (division sign). */
    static boolean isLower(final int c) {
        return (c >= 'a' && c <= 'z') || (c >= 0xdf && c <= 0xff && c != 0xf7);
    }

    static boolean isAlnum(final int c) {
        return (c >= '0' && c <= '9') || isUpper(c) || isLower(c);
    }

    static int toLower(final int c) {
        return isUpper(c) ? c + 0x20 : c;
    }

    /** As the kernel's toupper, which maps 0xdf and 0xff 32 down too. */
    static int toUpper(final int c) {
        return isLower(c) ? c - 0x20 : c;
    }
}
