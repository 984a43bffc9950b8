package org.exoos.servers.vfs;

/** The flags of renameat2 (linux/fs.h). */
public final class RenameFlags {
    private RenameFlags() {}

    /** Fail with EEXIST rather than replace the target. */
    public static final int RENAME_NOREPLACE = 1;
    /** Swap source and target atomically; both must exist. */
    public static final int RENAME_EXCHANGE = 2;
    /** Leave a whiteout at the source (overlayfs); not supported here: EINVAL. */
    public static final int RENAME_WHITEOUT = 4;
}
