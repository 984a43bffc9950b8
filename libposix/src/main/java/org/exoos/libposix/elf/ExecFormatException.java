package org.exoos.libposix.elf;

/**
 * The file cannot be executed as a riscv64 Linux program (Linux's ENOEXEC). The message is one line that
 * says why, fit to follow "exo: PROGRAM: ".
 */
public final class ExecFormatException extends Exception {
    public ExecFormatException(String reason) {
        super(reason);
    }
}
