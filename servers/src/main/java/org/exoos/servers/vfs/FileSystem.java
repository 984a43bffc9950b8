package org.exoos.servers.vfs;

import org.exoos.servers.protocol.Errno;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.collections.MutableReference;

import static org.exoos.servers.protocol.Errno.EACCES;
import static org.exoos.servers.protocol.Errno.EINVAL;
import static org.exoos.servers.protocol.Errno.ENOTDIR;
import static org.exoos.servers.protocol.Errno.EPERM;

/**
 * One mounted file system (a superblock): its inodes and what can be done to them, like Linux's
 * inode_operations, file_operations and super_operations folded into one interface.
 * <p>
 * The division of work follows Linux. The vfs walks paths, crosses mounts, checks permissions (search,
 * write on the directory, sticky bit, ownership), checks that a name is free or taken and of the right type,
 * and enforces read-only mounts; a method here is called only once those checks have passed, and does the
 * change, keeping link counts and times as the file system defines them. Methods return 0 (or a count) on
 * success and a negative errno otherwise; methods that produce an object put it in a {@link MutableReference}.
 * Names are one component (no '/', not "." or "..", at most 255 bytes), one char per byte.
 * <p>
 * The defaults are Linux's for a file system that lacks the operation: creating a file gives EACCES,
 * the other namespace changes EPERM, reading a directory of a non-directory ENOTDIR.
 * <p>
 * Called by one thread at a time (the vfs's), so implementations need no locking against the vfs.
 */
public interface FileSystem {
    /** The type as /proc/mounts shows it: "tmpfs", "devtmpfs", "proc". */
    String typeName();

    /** The st_dev of every inode here. */
    long dev();

    Inode root();

    // ---- namespace -------------------------------------------------------------------------------------

    /** Finds {@code name} in {@code dir}: 0 and the inode, -ENOENT when absent, or another error. */
    int lookup(Credentials cred, Inode dir, String name, MutableReference<Inode> result);

    /** The directory holding {@code dir} in this file system ("..."); the root returns itself. */
    Inode parent(Inode dir);

    /** The name {@code dir} has in its parent (a directory has one), or null for the root or a removed one. */
    default String directoryName(Inode dir) {
        return null;
    }

    /** Creates a regular file; {@code mode} includes S_IFREG; puts the new inode in {@code result}. */
    default int create(Inode dir, String name, int mode, int uid, int gid, MutableReference<Inode> result) {
        return -EACCES;
    }

    /** Creates a directory; {@code mode} includes S_IFDIR. */
    default int mkdir(Inode dir, String name, int mode, int uid, int gid) {
        return -EPERM;
    }

    /** Creates a device, FIFO or socket node ({@code mode} has its type; {@code rdev} for devices). */
    default int mknod(Inode dir, String name, int mode, long rdev, int uid, int gid) {
        return -EPERM;
    }

    default int symlink(Inode dir, String name, String target, int uid, int gid) {
        return -EPERM;
    }

    /** Adds a name for {@code target} (never a directory). */
    default int link(Inode target, Inode dir, String name) {
        return -EPERM;
    }

    /** Removes a name of a non-directory {@code victim}. */
    default int unlink(Inode dir, String name, Inode victim) {
        return -EPERM;
    }

    /** Removes the directory {@code victim}; -ENOTEMPTY if it has entries. */
    default int rmdir(Inode dir, String name, Inode victim) {
        return -EPERM;
    }

    /**
     * Moves an entry, replacing any target (the vfs has checked types, emptiness is the file system's:
     * -ENOTEMPTY for a non-empty directory target), or swaps two with {@link RenameFlags#RENAME_EXCHANGE}.
     * The vfs has handled RENAME_NOREPLACE and renaming onto the same inode.
     */
    default int rename(Inode oldDir, String oldName, Inode newDir, String newName, int flags) {
        return -EPERM;
    }

    /** The target of a symbolic link; -EINVAL for anything else. */
    default int readlink(Credentials cred, Inode link, MutableReference<String> result) {
        return -EINVAL;
    }

    // ---- attributes ------------------------------------------------------------------------------------

    int getattr(Inode inode, Stat out);

    default int setattr(Inode inode, SetAttr attr) {
        return -EPERM;
    }

    /** The inode was read (file, directory listing, symlink): update its access time as the mount says. */
    default void accessed(Inode inode, long mountFlags) {
    }

    /** Fills type, block and file counts and name length; the vfs adds the mount flags. */
    int statfs(StatFs out);

    // ---- open files ------------------------------------------------------------------------------------

    /** A file of this file system was opened (not for character devices, whose driver takes over). */
    default int open(OpenFile file) {
        return 0;
    }

    /** The last reference to an open file went away. */
    default void release(OpenFile file) {
    }

    /** Reads at {@code position} (never negative): the byte count, 0 at or past the end, or an error. */
    default long read(OpenFile file, long position, MutableDirectBuffer dst, int dstOffset, int length) {
        return -EINVAL;
    }

    /** Writes at {@code position}: the byte count (short if space ran out after some), or an error. */
    default long write(OpenFile file, long position, DirectBuffer src, int srcOffset, int length) {
        return -EINVAL;
    }

    /**
     * Lists a directory from {@code cookie} (0 is the start; other values come from d_off), feeding
     * {@code sink} until it refuses or the directory ends: the position to resume from, or an error.
     */
    default long readdir(OpenFile file, long cookie, DirentSink sink) {
        return -ENOTDIR;
    }

    /**
     * SEEK_DATA ({@code hole} false) or SEEK_HOLE from {@code offset}, which is within {@code [0, size)}:
     * the resulting offset, or -ENXIO when no data follows. The default sees data everywhere.
     */
    default long seekDataOrHole(OpenFile file, long offset, boolean hole, long size) {
        return hole ? size : offset;
    }

    default int fsync(OpenFile file, boolean dataOnly) {
        return 0;
    }

    // ---- mounts ----------------------------------------------------------------------------------------

    /** File-system options for /proc/mounts after the mount flags ("size=...,mode=755"), or "". */
    default String mountOptions() {
        return "";
    }

    /** The file system's last mount went away. */
    default void unmounted() {
    }
}
