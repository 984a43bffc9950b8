package org.exoos.servers.vfs;

/**
 * Receives directory entries from {@link FileSystem#readdir}, one call per entry, like Linux's filldir.
 * {@code nextCookie} is the entry's d_off: the directory position just after it, from which a later readdir
 * resumes. Returning false refuses the entry (the buffer is full): the file system stops and reports the
 * refused entry's own position, so that it comes first next time.
 */
@FunctionalInterface
public interface DirentSink {
    /**
     * @param name the entry's name, one char per byte (see {@link PathWalker})
     * @param type the entry's d_type ({@link FileMode#DT_REG} ...)
     */
    boolean accept(long ino, long nextCookie, int type, String name);
}
