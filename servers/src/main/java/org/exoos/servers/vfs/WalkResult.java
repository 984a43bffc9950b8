package org.exoos.servers.vfs;

/**
 * Where a {@link PathWalker#walk} ended, filled in place (a server keeps one per thread).
 * <ul>
 * <li>Without {@link LookupFlags#PARENT}: {@link #mount} and {@link #inode} are the file reached, after
 * crossing mounts and following links as asked. {@link #parentMount}, {@link #parent} and {@link #lastName}
 * are where its last component was found (null when the path was "/" or an empty path).</li>
 * <li>With PARENT: {@link #parentMount} and {@link #parent} hold the directory of the last component,
 * {@link #lastType} says what that component was, {@link #lastName} is it (type NORMAL only), and
 * {@link #child} the inode it names, or null if none does.</li>
 * </ul>
 */
public final class WalkResult {
    /** The last component is a name. */
    public static final int NORMAL = 0;
    /** The path ended in "/" alone: there is no last component, {@link #parent} is the root. */
    public static final int ROOT = 1;
    /** The last component is ".". */
    public static final int DOT = 2;
    /** The last component is "..". */
    public static final int DOTDOT = 3;

    public Mount mount;
    public Inode inode;
    public Mount parentMount;
    public Inode parent;
    public String lastName;
    public int lastType;
    public Inode child;
    /** The path had a slash after its last component (it must then name a directory). */
    public boolean trailingSlash;

    public void clear() {
        mount = null;
        inode = null;
        parentMount = null;
        parent = null;
        lastName = null;
        lastType = NORMAL;
        child = null;
        trailingSlash = false;
    }
}
