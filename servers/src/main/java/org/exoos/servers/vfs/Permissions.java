package org.exoos.servers.vfs;

import org.exoos.servers.protocol.Errno;

import static org.exoos.servers.protocol.Errno.EACCES;
import static org.exoos.servers.protocol.Errno.EBUSY;
import static org.exoos.servers.protocol.Errno.EISDIR;
import static org.exoos.servers.protocol.Errno.ENOENT;
import static org.exoos.servers.protocol.Errno.ENOTDIR;
import static org.exoos.servers.protocol.Errno.EPERM;
import static org.exoos.servers.protocol.Errno.EROFS;

/**
 * Linux's permission rules (fs/namei.c generic_permission, may_create, may_delete, check_sticky; fs/attr.c).
 * All return 0 or a negative errno and allocate nothing.
 * <p>
 * Not modelled: POSIX ACLs, capabilities finer than "uid 0 has them all", fs.protected_symlinks and
 * fs.protected_hardlinks (behaving as when those sysctls are 0), immutable and append-only inodes.
 */
public final class Permissions {
    private Permissions() {}

    public static final int MAY_EXEC = 1;
    public static final int MAY_WRITE = 2;
    public static final int MAY_READ = 4;

    /**
     * generic_permission: the owner's bits if the caller owns the file, else the group's if the caller is in
     * its group, else the others'. Root passes reads, writes and directory search always, and execution of
     * a non-directory when any execute bit is set.
     */
    public static int check(Credentials cred, Inode inode, int mask) {
        int mode = inode.mode();
        int bits;
        if (cred.uid() == inode.uid()) {
            bits = mode >> 6;
        } else if (cred.inGroup(inode.gid())) {
            bits = mode >> 3;
        } else {
            bits = mode;
        }
        if ((mask & ~bits & 7) == 0) {
            return 0;
        }
        if (cred.isPrivileged()) {
            if ((mask & MAY_EXEC) == 0 || inode.isDirectory() || (mode & FileMode.S_IXUGO) != 0) {
                return 0;
            }
        }
        return -EACCES;
    }

    /**
     * inode_permission: {@link #check}, after refusing writes to files, directories and links on a read-only
     * mount (devices, FIFOs and sockets stay writable there, as their data is elsewhere).
     */
    public static int check(Credentials cred, Mount mount, Inode inode, int mask) {
        if ((mask & MAY_WRITE) != 0 && mount.isReadOnly() && !FileMode.isSpecial(inode.mode())) {
            return -EROFS;
        }
        return check(cred, inode, mask);
    }

    /** inode_owner_or_capable: the caller owns the file or is privileged (CAP_FOWNER). */
    public static boolean isOwnerOrPrivileged(Credentials cred, Inode inode) {
        return cred.uid() == inode.uid() || cred.isPrivileged();
    }

    /**
     * Whether the sticky bit of {@code dir} forbids removing or replacing {@code victim}: the directory is
     * sticky, and the caller owns neither the victim nor the directory and is not privileged.
     */
    public static boolean stickyForbids(Credentials cred, Inode dir, Inode victim) {
        if ((dir.mode() & FileMode.S_ISVTX) == 0) {
            return false;
        }
        return cred.uid() != victim.uid() && cred.uid() != dir.uid() && !cred.isPrivileged();
    }

    /** may_create: a new name in {@code dir} needs write and search permission on it. */
    public static int mayCreate(Credentials cred, Mount mount, Inode dir) {
        if (mount.isReadOnly()) {
            return -EROFS;
        }
        return check(cred, dir, MAY_WRITE | MAY_EXEC);
    }

    /**
     * may_delete: removing (or replacing) {@code victim} from {@code dir} needs write and search permission
     * on the directory, passes the sticky rule (EPERM), and the types must agree: a directory where one is
     * expected (ENOTDIR) and not where none is (EISDIR); a mount root cannot go (EBUSY).
     */
    public static int mayDelete(Credentials cred, Mount mount, Inode dir, Inode victim, boolean expectDirectory) {
        if (victim == null) {
            return -ENOENT;
        }
        if (mount.isReadOnly()) {
            return -EROFS;
        }
        int rc = check(cred, dir, MAY_WRITE | MAY_EXEC);
        if (rc != 0) {
            return rc;
        }
        if (stickyForbids(cred, dir, victim)) {
            return -EPERM;
        }
        if (expectDirectory) {
            if (!victim.isDirectory()) {
                return -ENOTDIR;
            }
            if (victim == mount.root()) {
                return -EBUSY;
            }
        } else if (victim.isDirectory()) {
            return -EISDIR;
        }
        return 0;
    }
}
