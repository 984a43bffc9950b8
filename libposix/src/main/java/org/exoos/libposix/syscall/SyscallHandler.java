package org.exoos.libposix.syscall;

/** One system call's implementation: returns the result for a0 (a negated errno on failure). */
@FunctionalInterface
public interface SyscallHandler {
    long handle(SyscallContext c);
}
