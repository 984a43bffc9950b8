package org.exoos.servers.vfs;

/**
 * When reading a file updates its access time, per mount (Linux's touch_atime and relatime_need_update).
 * The default is relatime: update only if the access time is not newer than the modification or change time,
 * or is more than a day old. MS_STRICTATIME always updates, MS_NOATIME never, MS_NODIRATIME never for
 * directories.
 */
public final class AtimePolicy {
    private AtimePolicy() {}

    private static final long DAY_NANOS = 24L * 3600 * 1_000_000_000L;

    public static boolean shouldUpdate(long mountFlags, boolean directory, long atime, long mtime, long ctime,
                                       long now) {
        if ((mountFlags & MountFlags.MS_NOATIME) != 0) {
            return false;
        }
        if (directory && (mountFlags & MountFlags.MS_NODIRATIME) != 0) {
            return false;
        }
        if ((mountFlags & MountFlags.MS_STRICTATIME) != 0) {
            return atime != now;
        }
        return atime <= mtime || atime <= ctime || now - atime >= DAY_NANOS;
    }
}
