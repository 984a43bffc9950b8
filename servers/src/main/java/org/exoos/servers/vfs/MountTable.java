package org.exoos.servers.vfs;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The mounts of the one namespace: which mount covers which (mount, inode) place, the anonymous device
 * numbers file systems get, and paths back from a place to the root.
 * <p>
 * Mounts stack: mounting on a place that is already a mount's root puts the new mount on that root, so the
 * walk, which crosses while the place it reached is covered, always ends on the top one.
 */
public final class MountTable {
    private final ArrayList<Mount> mounts = new ArrayList<>();
    private final List<Mount> view = Collections.unmodifiableList(mounts);
    private Mount root;
    private int nextId = 1;
    private long nextAnonymousMinor = 1;

    /** A fresh st_dev for a file system without a device: major 0, as Linux's get_anon_bdev. */
    public long allocateAnonymousDev() {
        return DeviceNumbers.makedev(0, nextAnonymousMinor++);
    }

    /** Makes {@code fileSystem} the root of the namespace; once. */
    public Mount mountRoot(FileSystem fileSystem, String source, long flags) {
        if (root != null) {
            throw new IllegalStateException("the root is already mounted");
        }
        root = new Mount(nextId++, fileSystem, fileSystem.root(), source, null, null, flags & MountFlags.PER_MOUNT);
        mounts.add(root);
        return root;
    }

    /** Attaches a new mount showing {@code root} (of {@code fileSystem}) at the place (parent, mountpoint). */
    public Mount attach(FileSystem fileSystem, Inode root, String source, Mount parent, Inode mountpoint, long flags) {
        Mount m = new Mount(nextId++, fileSystem, root, source, parent, mountpoint, flags & MountFlags.PER_MOUNT);
        mountpoint.mountCount++;
        parent.children++;
        mounts.add(m);
        return m;
    }

    /**
     * Removes a mount and every mount below it from the namespace. Open files in them keep working (a lazy
     * unmount); a file system whose last mount goes is told so.
     */
    public void detach(Mount mount) {
        if (mount == root) {
            throw new IllegalArgumentException("the root mount cannot be detached");
        }
        for (int i = mounts.size() - 1; i >= 0; i--) {
            Mount m = mounts.get(i);
            if (m.parent() == mount && m.attached) {
                detach(m);
            }
        }
        mount.attached = false;
        mount.mountpoint().mountCount--;
        mount.parent().children--;
        mounts.remove(mount);
        FileSystem fs = mount.fileSystem();
        for (Mount m : mounts) {
            if (m.fileSystem() == fs) {
                return;
            }
        }
        fs.unmounted();
    }

    public Mount root() {
        return root;
    }

    /** The mount whose mountpoint is {@code inode} seen through {@code parent}, or null. */
    public Mount mountedOn(Mount parent, Inode inode) {
        if (inode.mountCount == 0) {
            return null;
        }
        for (int i = mounts.size() - 1; i >= 0; i--) {
            Mount m = mounts.get(i);
            if (m.mountpoint() == inode && m.parent() == parent) {
                return m;
            }
        }
        return null;
    }

    /** Whether something is mounted on (mount, inode): such a place cannot be removed or renamed (EBUSY). */
    public boolean isMountpoint(Mount mount, Inode inode) {
        return mountedOn(mount, inode) != null;
    }

    /** The attached mounts in the order they were made, the root first. */
    public List<Mount> mounts() {
        return view;
    }

    /**
     * The absolute path of a directory at (mount, inode), or null when it is not reachable from the root
     * (removed, or in a detached mount). Only directories have one name, so only they have a path here.
     */
    public String pathOf(Mount mount, Inode directory) {
        ArrayList<String> names = new ArrayList<>();
        Mount m = mount;
        Inode inode = directory;
        while (true) {
            if (inode == m.root()) {
                if (m.parent() == null) {
                    break;
                }
                if (!m.attached) {
                    return null;
                }
                inode = m.mountpoint();
                m = m.parent();
                continue;
            }
            String name = m.fileSystem().directoryName(inode);
            if (name == null) {
                return null;
            }
            names.add(name);
            inode = m.fileSystem().parent(inode);
        }
        if (names.isEmpty()) {
            return "/";
        }
        StringBuilder sb = new StringBuilder();
        for (int i = names.size() - 1; i >= 0; i--) {
            sb.append('/').append(names.get(i));
        }
        return sb.toString();
    }

    /** /proc/mounts: "source mountpoint type options 0 0" per mount, with space, tab, newline, \ escaped. */
    public String procMounts() {
        StringBuilder sb = new StringBuilder();
        for (Mount m : mounts) {
            String path = m.parent() == null ? "/" : pathOf(m.parent(), m.mountpoint());
            if (path == null) {
                continue;
            }
            mangle(sb, m.source()).append(' ');
            mangle(sb, path).append(' ');
            sb.append(m.fileSystem().typeName()).append(' ');
            mangle(sb, m.options()).append(" 0 0\n");
        }
        return sb.toString();
    }

    private static StringBuilder mangle(StringBuilder sb, String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == ' ' || c == '\t' || c == '\n' || c == '\\') {
                sb.append('\\').append((char) ('0' + ((c >> 6) & 7))).append((char) ('0' + ((c >> 3) & 7)))
                        .append((char) ('0' + (c & 7)));
            } else {
                sb.append(c);
            }
        }
        return sb;
    }
}
