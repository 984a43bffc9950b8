package org.exoos.servers.vfs.procfs;

import java.util.Arrays;

/**
 * The bytes of a /proc file being generated, with the few printf conversions Linux's seq_file uses
 * (decimal, unsigned decimal, right-aligned width, zero-padded hex). Strings are one char per byte. One is
 * reused for every file (the vfs runs on one thread); {@link #toBytes} takes the snapshot an open file keeps.
 */
final class ProcText {
    private byte[] bytes = new byte[4096];
    private int length;
    private final char[] digits = new char[24];

    ProcText reset() {
        length = 0;
        return this;
    }

    int length() {
        return length;
    }

    byte[] toBytes() {
        return Arrays.copyOf(bytes, length);
    }

    private void ensure(int more) {
        if (length + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
        }
    }

    ProcText put(char c) {
        ensure(1);
        bytes[length++] = (byte) c;
        return this;
    }

    ProcText put(String s) {
        ensure(s.length());
        for (int i = 0; i < s.length(); i++) {
            bytes[length++] = (byte) s.charAt(i);
        }
        return this;
    }

    ProcText put(byte[] b) {
        ensure(b.length);
        System.arraycopy(b, 0, bytes, length, b.length);
        length += b.length;
        return this;
    }

    /** %lld */
    ProcText decimal(long value) {
        if (value < 0) {
            put('-');
            return unsigned(-value);
        }
        return unsigned(value);
    }

    /** %llu: the value as an unsigned 64-bit number. */
    ProcText unsigned(long value) {
        return padded(value, 0);
    }

    /** %*llu: unsigned, right-aligned in {@code width} with spaces. */
    ProcText padded(long value, int width) {
        int n = 0;
        long v = value;
        do {
            long q = Long.divideUnsigned(v, 10);
            digits[n++] = (char) ('0' + (int) (v - q * 10));
            v = q;
        } while (v != 0);
        for (int i = n; i < width; i++) {
            put(' ');
        }
        ensure(n);
        while (n > 0) {
            bytes[length++] = (byte) digits[--n];
        }
        return this;
    }

    /** %0*llx: lowercase hex, at least {@code width} digits, zero-padded. */
    ProcText hex(long value, int width) {
        int n = 0;
        long v = value;
        do {
            digits[n++] = Character.forDigit((int) (v & 15), 16);
            v >>>= 4;
        } while (v != 0);
        for (int i = n; i < width; i++) {
            put('0');
        }
        ensure(n);
        while (n > 0) {
            bytes[length++] = (byte) digits[--n];
        }
        return this;
    }

    /** Pads with spaces up to column {@code column} of the current line (seq_pad), at least nothing. */
    ProcText padTo(int lineStart, int column) {
        while (length - lineStart < column) {
            put(' ');
        }
        return this;
    }
}
