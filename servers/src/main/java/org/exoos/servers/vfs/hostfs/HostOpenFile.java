package org.exoos.servers.vfs.hostfs;

/** The host side of an open hostfs file: its own host descriptor, kept as the OpenFile's private data. */
final class HostOpenFile {
    final int fd;
    final boolean writable;
    /** The next open file of the same inode. */
    HostOpenFile next;

    HostOpenFile(int fd, boolean writable) {
        this.fd = fd;
        this.writable = writable;
    }
}
