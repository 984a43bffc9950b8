package org.exoos.servers.vfs;

/** How {@link PathWalker#walk} treats the last component. */
public final class LookupFlags {
    private LookupFlags() {}

    /** Follow a symbolic link in the last component (a trailing slash follows it regardless). */
    public static final int FOLLOW = 1;
    /** The result must be a directory (ENOTDIR otherwise), as a trailing slash demands. */
    public static final int DIRECTORY = 2;
    /**
     * Stop at the directory holding the last component and report its name, and the inode it names if any
     * (without crossing a mount on it): for calls that create, remove or rename. With {@link #FOLLOW}, a
     * symbolic link there is followed and the walk stops in front of its target's last component instead
     * (open with O_CREAT).
     */
    public static final int PARENT = 4;
    /** An empty path names the starting place (AT_EMPTY_PATH) instead of failing with ENOENT. */
    public static final int EMPTY = 8;
}
