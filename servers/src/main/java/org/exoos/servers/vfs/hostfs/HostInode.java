package org.exoos.servers.vfs.hostfs;

import org.exoos.servers.vfs.Inode;

/**
 * A host file as the vfs sees it: the host's inode number, and where hostfs last found it, as the directory
 * it was in and its name there. hostfs reaches it again by walking those names down from the mount's root
 * one at a time without following symlinks, and checks that it found the same host file (device and inode),
 * so a name replaced behind its back is not mistaken for the file.
 * <p>
 * Open files hold host descriptors ({@link HostOpenFile}); while any is open, attributes come from one of
 * them, which stays right after the file is renamed or unlinked.
 */
final class HostInode extends Inode {
    /** The host's st_dev, half of the identity check. */
    final long hostDev;
    /** The directory this was found in; the root's is itself. */
    HostInode parent;
    /** The name in {@link #parent}; null for the root. */
    String name;
    /** Removed through hostfs (unlinked, rmdir'ed, replaced by a rename): no longer reachable by name. */
    boolean removed;
    /** The open files of this inode, newest first. */
    HostOpenFile openFiles;

    HostInode(Hostfs fs, long hostIno, long hostDev, int mode, int uid, int gid, HostInode parent, String name) {
        super(fs, hostIno, mode, uid, gid);
        this.hostDev = hostDev;
        this.parent = parent == null ? this : parent;
        this.name = name;
    }

    boolean isRoot() {
        return parent == this;
    }

    /** The mode, owner and group the host reported last: what the vfs checks permissions against. */
    void refresh(int mode, int uid, int gid) {
        setMode(mode);
        setUid(uid);
        setGid(gid);
    }

    /** A descriptor of an open file of this inode, or -1. */
    int anyOpenFd() {
        return openFiles == null ? -1 : openFiles.fd;
    }

    /** A descriptor of this inode open for writing, or -1. */
    int writableOpenFd() {
        for (HostOpenFile f = openFiles; f != null; f = f.next) {
            if (f.writable) {
                return f.fd;
            }
        }
        return -1;
    }

    void addOpen(HostOpenFile file) {
        file.next = openFiles;
        openFiles = file;
    }

    void removeOpen(HostOpenFile file) {
        HostOpenFile prev = null;
        for (HostOpenFile f = openFiles; f != null; prev = f, f = f.next) {
            if (f == file) {
                if (prev == null) {
                    openFiles = f.next;
                } else {
                    prev.next = f.next;
                }
                f.next = null;
                return;
            }
        }
    }
}
