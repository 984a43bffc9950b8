package org.exoos.servers.vfs.hostfs;

import org.exoos.servers.protocol.Errno;

import org.agrona.collections.MutableReference;
import org.exoos.servers.vfs.Credentials;
import org.exoos.servers.vfs.FileSystem;
import org.exoos.servers.vfs.FileSystemType;
import org.exoos.servers.vfs.PathWalker;
import org.exoos.servers.vfs.Vfs;

import java.nio.charset.Charset;
import java.nio.file.Path;

import static org.exoos.servers.protocol.Errno.EINVAL;
import static org.exoos.servers.protocol.Errno.ENAMETOOLONG;

/**
 * mount -t hostfs: a {@link Hostfs} of the one host directory this type was made for. The directory is the
 * operator's choice, made when the type is registered, never the guest's: mount(2)'s source is only the
 * label /proc/mounts shows, so a privileged guest can mount the directory again but cannot name another
 * host path. No options are accepted (EINVAL); the mount flags (ro, nosuid, noexec...) apply as usual.
 */
public final class HostfsType implements FileSystemType {
    public static final String NAME = "hostfs";

    private final String name;
    private final Path hostDirectory;

    public HostfsType(Path hostDirectory) {
        this(NAME, hostDirectory);
    }

    /** A type under another name, for a second host directory. */
    public HostfsType(String name, Path hostDirectory) {
        this.name = name;
        this.hostDirectory = hostDirectory.toAbsolutePath();
    }

    /**
     * Registers a hostfs type for {@code hostDirectory} and mounts it on {@code target}, making the
     * directories leading there: what {@code bin/exo run} does with the current directory at /mnt/host.
     *
     * @return 0, or a negative errno
     */
    public static int mountHostDirectory(Vfs vfs, Path hostDirectory, String target, long flags) {
        vfs.registerFileSystemType(new HostfsType(hostDirectory));
        int rc = vfs.mkdirs(Credentials.ROOT, target, 0755);
        if (rc < 0) {
            return rc;
        }
        return vfs.mount(Credentials.ROOT, NAME, Vfs.NO_HANDLE, target, NAME, flags, null);
    }

    @Override
    public String name() {
        return name;
    }

    public Path hostDirectory() {
        return hostDirectory;
    }

    @Override
    public int create(long dev, String source, String data, MutableReference<FileSystem> result) {
        if (data != null && !data.isEmpty()) {
            return -EINVAL;
        }
        byte[] path = hostDirectory.toString().getBytes(nativeCharset());
        if (path.length >= PathWalker.PATH_MAX) {
            return -ENAMETOOLONG;
        }
        HostCalls host = new HostCalls();
        char[] chars = new char[path.length];
        for (int i = 0; i < path.length; i++) {
            chars[i] = (char) (path[i] & 0xff);
        }
        // the operator's path, followed as given; everything below it is walked without following links
        int fd = host.openat(HostOpenFlags.AT_FDCWD, new String(chars),
                HostOpenFlags.O_PATH | HostOpenFlags.O_DIRECTORY | HostOpenFlags.O_CLOEXEC, 0);
        if (fd < 0) {
            return fd;
        }
        result.ref = new Hostfs(name, dev, host, fd);
        return 0;
    }

    private static Charset nativeCharset() {
        String jnu = System.getProperty("sun.jnu.encoding");
        try {
            return jnu == null ? Charset.defaultCharset() : Charset.forName(jnu);
        } catch (RuntimeException unknown) {
            return Charset.defaultCharset();
        }
    }
}
