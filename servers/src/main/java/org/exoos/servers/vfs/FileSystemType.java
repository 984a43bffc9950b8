package org.exoos.servers.vfs;

import org.agrona.collections.MutableReference;

/**
 * A kind of file system that mount(2) can create by name ("tmpfs", "devtmpfs", "proc", "hostfs"). An
 * instance carries what its file systems need (clock, device table, host directory) and is registered with
 * {@link Vfs#registerFileSystemType}.
 */
public interface FileSystemType {
    String name();

    /**
     * Makes a file system for a new mount.
     *
     * @param dev    the st_dev the vfs allocated for it (an anonymous device, major 0)
     * @param source mount(2)'s source argument (often just the type name)
     * @param data   mount(2)'s option string, or null; unknown options give -EINVAL
     */
    int create(long dev, String source, String data, MutableReference<FileSystem> result);
}
