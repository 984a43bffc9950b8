package org.exoos.servers.protocol;

/**
 * The protocol id of each service, carried in every message's flags
 * ({@link MessageHeaderDescriptor}): a request that reaches the wrong server is refused rather
 * than misread. Ids are never reused.
 */
public final class ProtocolIds {
    /** The virtual file system server. */
    public static final int VFS = 1;
    /** The terminal server. */
    public static final int TTY = 2;
    /** Kernel information, served by the kernel to the vfs (procfs) on an upstream channel. */
    public static final int PROCINFO = 3;
    /** The process manager: the process table, families, groups, sessions and waits. */
    public static final int PROCMGR = 4;
    /** The echo service: the framework's own test and benchmark service. */
    public static final int ECHO = 0x7E;

    private ProtocolIds() {
    }
}
