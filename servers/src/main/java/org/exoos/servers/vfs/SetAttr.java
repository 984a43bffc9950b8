package org.exoos.servers.vfs;

/**
 * A change of attributes for {@link FileSystem#setattr}, like Linux's {@code struct iattr}: {@link #valid}
 * says which fields to apply. The vfs has already checked permissions, computed the new mode (type bits kept,
 * set-id bits dropped where Linux drops them) and turned UTIME_NOW into the current time; the file system
 * applies exactly what is asked, nothing more. Times are nanoseconds since the epoch.
 */
public final class SetAttr {
    public static final int ATTR_MODE = 1;
    public static final int ATTR_UID = 2;
    public static final int ATTR_GID = 4;
    public static final int ATTR_SIZE = 8;
    public static final int ATTR_ATIME = 16;
    public static final int ATTR_MTIME = 32;
    public static final int ATTR_CTIME = 64;

    public int valid;
    public int mode;
    public int uid;
    public int gid;
    public long size;
    public long atime;
    public long mtime;
    public long ctime;

    public SetAttr clear() {
        valid = 0;
        mode = uid = gid = 0;
        size = atime = mtime = ctime = 0;
        return this;
    }

    public boolean has(int attr) {
        return (valid & attr) != 0;
    }
}
