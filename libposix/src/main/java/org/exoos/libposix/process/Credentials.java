package org.exoos.libposix.process;

import org.exoos.libposix.host.HostLibc;

/** The user and group ids of a process (no supplementary groups yet). */
public record Credentials(int uid, int euid, int gid, int egid) {
    public static final Credentials ROOT = new Credentials(0, 0, 0, 0);

    /** The ids of the host process running Exo-OS, as qemu-riscv64 passes them through. */
    public static Credentials ofHost() {
        return new Credentials(HostLibc.getuid(), HostLibc.geteuid(), HostLibc.getgid(), HostLibc.getegid());
    }
}
