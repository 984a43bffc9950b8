package org.exoos.servers.vfs;

/** lseek's whence values (linux/fs.h). */
public final class SeekWhence {
    private SeekWhence() {}

    public static final int SEEK_SET = 0;
    public static final int SEEK_CUR = 1;
    public static final int SEEK_END = 2;
    /** The next offset at or after the given one that holds data. */
    public static final int SEEK_DATA = 3;
    /** The next offset at or after the given one that is in a hole; the end of the file is a hole. */
    public static final int SEEK_HOLE = 4;
}
