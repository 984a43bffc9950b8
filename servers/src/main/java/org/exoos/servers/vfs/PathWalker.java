package org.exoos.servers.vfs;

import org.exoos.servers.protocol.Errno;

import org.agrona.collections.MutableReference;

import static org.exoos.servers.protocol.Errno.ELOOP;
import static org.exoos.servers.protocol.Errno.ENAMETOOLONG;
import static org.exoos.servers.protocol.Errno.ENOENT;
import static org.exoos.servers.protocol.Errno.ENOTDIR;

/**
 * Resolves a path to a place in the namespace, as Linux's link_path_walk and its callers do.
 * <ul>
 * <li>A path is a Linux byte string carried in a String with one char per byte (ISO-8859-1), so that its
 * length is its length in bytes and any byte but NUL and '/' may appear in a name.</li>
 * <li>An absolute path starts at the root (the caller's root directory after chroot, else the root of the
 * namespace), a relative one at the given place (a dirfd's or the cwd's). Repeated slashes count as one. An
 * empty path is ENOENT unless {@link LookupFlags#EMPTY}.</li>
 * <li>A path of 4096 bytes or more (PATH_MAX counts the NUL) and a component of more than 255 bytes are
 * ENAMETOOLONG.</li>
 * <li>Every directory the walk looks a name up in, the last one included, needs search permission (EACCES);
 * looking a name up in a non-directory is ENOTDIR.</li>
 * <li>"." stays, ".." goes to the parent directory; at the root of a mount it first goes to the place the
 * mount covers, and at the root (the caller's or the namespace's) it stays. Reaching a place a mount covers
 * moves to that mount's root.</li>
 * <li>Symbolic links are followed inside the path always, in the last component when asked or when a slash
 * follows it, at most 40 in one walk (the 41st is ELOOP), never on a nosymfollow mount (ELOOP). A link's
 * target is walked from the directory holding the link, or from the root if it is absolute.</li>
 * <li>A trailing slash demands a directory (ENOTDIR).</li>
 * </ul>
 * Not thread-safe: it keeps its stack of link bodies in fields; the vfs has one.
 */
public final class PathWalker {
    /** Bytes in a path including its terminating NUL. */
    public static final int PATH_MAX = 4096;
    /** Bytes in one component. */
    public static final int NAME_MAX = 255;
    /** Symbolic links followed in one walk. */
    public static final int MAXSYMLINKS = 40;

    private final MountTable mounts;
    private final MutableReference<Inode> found = new MutableReference<>();
    private final MutableReference<String> linkTarget = new MutableReference<>();
    /** The path (frame 0) and the link targets being walked inside it. */
    private final String[] text = new String[MAXSYMLINKS + 1];
    private final int[] position = new int[MAXSYMLINKS + 1];
    /** Whether every frame below this one has nothing left but slashes: then this frame's last name is last. */
    private final boolean[] outerDone = new boolean[MAXSYMLINKS + 1];
    /** Whether those leftovers include a slash: a trailing slash on the last component. */
    private final boolean[] outerSlash = new boolean[MAXSYMLINKS + 1];
    private int depth;
    private int links;
    private Mount curMount;
    private Inode cur;
    /** The walk's root: where absolute paths start and ".." stops; null for the namespace root. */
    private Mount rootMount;
    private Inode rootInode;

    public PathWalker(MountTable mounts) {
        this.mounts = mounts;
    }

    /**
     * Walks {@code path} from (startMount, startInode) for relative paths; see {@link LookupFlags} and
     * {@link WalkResult} for what is asked and reported.
     *
     * @return 0, or a negative errno
     */
    public int walk(Credentials cred, Mount startMount, Inode startInode, String path, int flags, WalkResult out) {
        return walk(cred, null, null, startMount, startInode, path, flags, out);
    }

    /**
     * As {@link #walk(Credentials, Mount, Inode, String, int, WalkResult)} for a caller whose root directory
     * is (rootMount, rootInode), as chroot(2) set it: absolute paths and absolute link targets start there and
     * ".." does not climb above it. Null for the namespace root.
     */
    public int walk(Credentials cred, Mount rootMount, Inode rootInode, Mount startMount, Inode startInode,
                    String path, int flags, WalkResult out) {
        out.clear();
        this.rootMount = rootMount;
        this.rootInode = rootMount == null ? null : rootInode;
        try {
            return walkPath(cred, startMount, startInode, path, flags, out);
        } finally {
            this.rootMount = null;
            this.rootInode = null;
            for (int i = 0; i <= depth; i++) {
                text[i] = null;
            }
            curMount = null;
            cur = null;
            found.ref = null;
            linkTarget.ref = null;
        }
    }

    private int walkPath(Credentials cred, Mount startMount, Inode startInode, String path, int flags,
                         WalkResult out) {
        depth = 0;
        links = 0;
        int length = path.length();
        if (length >= PATH_MAX) {
            return -ENAMETOOLONG;
        }
        if (length == 0) {
            if ((flags & LookupFlags.EMPTY) == 0 || (flags & LookupFlags.PARENT) != 0) {
                return -ENOENT;
            }
            if ((flags & LookupFlags.DIRECTORY) != 0 && !startInode.isDirectory()) {
                return -ENOTDIR;
            }
            out.mount = startMount;
            out.inode = startInode;
            return 0;
        }
        if (path.charAt(0) == '/') {
            jumpToRoot();
        } else {
            curMount = startMount;
            cur = startInode;
        }
        text[0] = path;
        position[0] = 0;
        outerDone[0] = true;
        outerSlash[0] = false;
        final boolean parentMode = (flags & LookupFlags.PARENT) != 0;

        while (true) {
            String s = text[depth];
            int n = s.length();
            int p = position[depth];
            while (p < n && s.charAt(p) == '/') {
                p++;
            }
            if (p == n) {
                if (depth > 0) {
                    text[depth--] = null;
                    continue;
                }
                return finishWithoutComponent(parentMode, out);
            }
            int q = p;
            while (q < n && s.charAt(q) != '/') {
                q++;
            }
            int r = q;
            while (r < n && s.charAt(r) == '/') {
                r++;
            }
            position[depth] = r;
            boolean last = r == n && outerDone[depth];
            boolean trailing = last && (q < n || outerSlash[depth]);

            if (!cur.isDirectory()) {
                return -ENOTDIR;
            }
            int rc = Permissions.check(cred, cur, Permissions.MAY_EXEC);
            if (rc != 0) {
                return rc;
            }
            int nameLength = q - p;
            if (nameLength == 1 && s.charAt(p) == '.') {
                if (last) {
                    return finishDots(WalkResult.DOT, parentMode, trailing, out);
                }
                continue;
            }
            if (nameLength == 2 && s.charAt(p) == '.' && s.charAt(p + 1) == '.') {
                if (last && parentMode) {
                    return finishDots(WalkResult.DOTDOT, true, trailing, out);
                }
                goUp();
                if (last) {
                    return finishDots(WalkResult.DOTDOT, false, trailing, out);
                }
                continue;
            }
            if (nameLength > NAME_MAX) {
                return -ENAMETOOLONG;
            }
            String name = s.substring(p, q);
            found.ref = null;
            rc = cur.fileSystem().lookup(cred, cur, name, found);
            if (rc != 0 && rc != -ENOENT) {
                return rc;
            }
            Inode child = rc == 0 ? found.ref : null;

            if (last && parentMode) {
                if (child != null && child.isSymlink() && (flags & LookupFlags.FOLLOW) != 0) {
                    rc = enterLink(cred, curMount, child, q, r, n);
                    if (rc != 0) {
                        return rc;
                    }
                    continue;
                }
                out.parentMount = curMount;
                out.parent = cur;
                out.lastName = name;
                out.lastType = WalkResult.NORMAL;
                out.child = child;
                out.trailingSlash = trailing;
                return 0;
            }
            if (child == null) {
                return -ENOENT;
            }
            Mount childMount = curMount;
            while (child.mountCount > 0) {
                Mount covering = mounts.mountedOn(childMount, child);
                if (covering == null) {
                    break;
                }
                childMount = covering;
                child = covering.root();
            }
            if (child.isSymlink() && (!last || trailing || (flags & LookupFlags.FOLLOW) != 0)) {
                rc = enterLink(cred, childMount, child, q, r, n);
                if (rc != 0) {
                    return rc;
                }
                continue;
            }
            Mount parentMount = curMount;
            Inode parent = cur;
            curMount = childMount;
            cur = child;
            if (last) {
                if ((trailing || (flags & LookupFlags.DIRECTORY) != 0) && !child.isDirectory()) {
                    return -ENOTDIR;
                }
                out.mount = childMount;
                out.inode = child;
                out.parentMount = parentMount;
                out.parent = parent;
                out.lastName = name;
                out.trailingSlash = trailing;
                return 0;
            }
        }
    }

    /**
     * Pushes the target of {@code link} (found in the current directory) as a new frame; the link's component
     * ended at {@code q} in the current frame, whose remaining text starts at {@code r} and ends at {@code n}.
     */
    private int enterLink(Credentials cred, Mount linkMount, Inode link, int q, int r, int n) {
        if (++links > MAXSYMLINKS) {
            return -ELOOP;
        }
        if ((linkMount.flags() & MountFlags.MS_NOSYMFOLLOW) != 0) {
            return -ELOOP;
        }
        linkTarget.ref = null;
        int rc = link.fileSystem().readlink(cred, link, linkTarget);
        if (rc < 0) {
            return rc;
        }
        String target = linkTarget.ref;
        if (target.isEmpty()) {
            return -ENOENT;
        }
        link.fileSystem().accessed(link, linkMount.flags());
        int d = depth + 1;
        text[d] = target;
        position[d] = 0;
        outerDone[d] = outerDone[depth] && r == n;
        outerSlash[d] = outerSlash[depth] || q < n;
        depth = d;
        if (target.charAt(0) == '/') {
            jumpToRoot();
        }
        return 0;
    }

    private int finishDots(int type, boolean parentMode, boolean trailing, WalkResult out) {
        out.lastType = type;
        out.trailingSlash = trailing;
        if (parentMode) {
            out.parentMount = curMount;
            out.parent = cur;
        } else {
            out.mount = curMount;
            out.inode = cur;
        }
        return 0;
    }

    /** The path was "/" (or its last link pointed there): the root, with no last component. */
    private int finishWithoutComponent(boolean parentMode, WalkResult out) {
        out.lastType = WalkResult.ROOT;
        if (parentMode) {
            out.parentMount = curMount;
            out.parent = cur;
        } else {
            out.mount = curMount;
            out.inode = cur;
        }
        return 0;
    }

    private void jumpToRoot() {
        if (rootMount != null) {
            curMount = rootMount;
            cur = rootInode;
            return;
        }
        curMount = mounts.root();
        cur = curMount.root();
        crossMounts();
    }

    /** "..": up through mount roots to the place they cover, then to the parent directory. */
    private void goUp() {
        if (isAtRoot()) {
            return;
        }
        while (cur == curMount.root()) {
            if (curMount.parent() == null) {
                crossMounts();
                return;
            }
            cur = curMount.mountpoint();
            curMount = curMount.parent();
            if (isAtRoot()) {
                return; // a root directory that a mount covers: Linux's follow_dotdot stops there too
            }
        }
        cur = cur.fileSystem().parent(cur);
        crossMounts();
    }

    private boolean isAtRoot() {
        return rootMount != null && cur == rootInode && curMount == rootMount;
    }

    private void crossMounts() {
        while (cur.mountCount > 0) {
            Mount covering = mounts.mountedOn(curMount, cur);
            if (covering == null) {
                return;
            }
            curMount = covering;
            cur = covering.root();
        }
    }
}
