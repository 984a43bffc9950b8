package org.exoos.servers.vfs.procfs;

import org.exoos.servers.protocol.Errno;

import org.agrona.collections.MutableReference;
import org.exoos.servers.vfs.Credentials;
import org.exoos.servers.vfs.FileSystem;
import org.exoos.servers.vfs.FileSystemType;
import org.exoos.servers.vfs.MountFlags;
import org.exoos.servers.vfs.Vfs;

import static org.exoos.servers.protocol.Errno.EINVAL;

/**
 * mount -t proc: a {@link Procfs} over the vfs it is registered with and the kernel's process and machine
 * information. Linux's options hidepid=, gid= and subset= are accepted and ignored (every process is
 * visible); anything else is EINVAL.
 */
public final class ProcfsType implements FileSystemType {
    public static final String NAME = "proc";

    private final Vfs vfs;
    private final ProcessInfoSource processes;
    private final SystemInfoSource system;

    public ProcfsType(Vfs vfs, ProcessInfoSource processes, SystemInfoSource system) {
        this.vfs = vfs;
        this.processes = processes;
        this.system = system;
    }

    /** Registers the type and mounts it on /proc with nosuid, nodev and noexec, as distributions do. */
    public static int mountProc(Vfs vfs, ProcessInfoSource processes, SystemInfoSource system) {
        vfs.registerFileSystemType(new ProcfsType(vfs, processes, system));
        return vfs.mount(Credentials.ROOT, NAME, Vfs.NO_HANDLE, "/proc", NAME,
                MountFlags.MS_NOSUID | MountFlags.MS_NODEV | MountFlags.MS_NOEXEC, null);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int create(long dev, String source, String data, MutableReference<FileSystem> result) {
        if (data != null && !data.isEmpty()) {
            for (String option : data.split(",")) {
                String key = option.indexOf('=') < 0 ? option : option.substring(0, option.indexOf('='));
                switch (key) {
                    case "", "hidepid", "gid", "subset" -> {
                    }
                    default -> {
                        return -EINVAL;
                    }
                }
            }
        }
        result.ref = new Procfs(dev, vfs, processes, system);
        return 0;
    }
}
