package org.exoos.servers.vfs;

import java.util.Arrays;

/**
 * Who asks: the ids the vfs checks permissions against, and the calling process.
 * <p>
 * {@code uid} and {@code gid} are the file-system ids (Linux's fsuid and fsgid, equal to the effective ids
 * unless setfsuid was used); faccessat without AT_EACCESS checks the real ids, so its caller passes those
 * here. uid 0 holds every capability the vfs knows (CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH, CAP_FOWNER,
 * CAP_FSETID, CAP_CHOWN, CAP_MKNOD, CAP_SYS_ADMIN); there are no finer capabilities yet.
 * {@code pid} (the thread group id) serves /proc/self; 0 when there is no process.
 * {@code root} is the handle of the caller's root directory (chroot(2)), where absolute paths start and
 * ".." stops; {@link Vfs#NO_HANDLE} for the root of the namespace.
 * <p>
 * The umask is the process's and is passed to each creating call, not kept here.
 */
public final class Credentials {
    /** Root, with no process: for boot-time setup and tests. */
    public static final Credentials ROOT = new Credentials(0, 0, new int[0], 0, Vfs.NO_HANDLE);

    private final int uid;
    private final int gid;
    private final int[] groups;
    private final int pid;
    private final long root;

    private Credentials(int uid, int gid, int[] groups, int pid, long root) {
        this.uid = uid;
        this.gid = gid;
        this.groups = groups;
        this.pid = pid;
        this.root = root;
    }

    /** Credentials of process {@code pid} with these ids and supplementary groups (copied), at the namespace root. */
    public static Credentials of(int pid, int uid, int gid, int... supplementaryGroups) {
        return new Credentials(uid, gid, supplementaryGroups.clone(), pid, Vfs.NO_HANDLE);
    }

    /** These credentials with the root directory {@code rootHandle} (an open directory, or NO_HANDLE). */
    public Credentials withRoot(long rootHandle) {
        return rootHandle == root ? this : new Credentials(uid, gid, groups, pid, rootHandle);
    }

    public int uid() {
        return uid;
    }

    public int gid() {
        return gid;
    }

    /** The handle of the root directory, or {@link Vfs#NO_HANDLE}: the namespace's. */
    public long root() {
        return root;
    }

    public int pid() {
        return pid;
    }

    public int groupCount() {
        return groups.length;
    }

    public int group(int index) {
        return groups[index];
    }

    /** The capabilities the vfs checks, all held by uid 0. */
    public boolean isPrivileged() {
        return uid == 0;
    }

    /** Whether {@code g} is the primary group or one of the supplementary groups (in_group_p). */
    public boolean inGroup(int g) {
        if (g == gid) {
            return true;
        }
        for (int s : groups) {
            if (s == g) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return "Credentials[pid=" + pid + ", uid=" + uid + ", gid=" + gid + ", groups=" + Arrays.toString(groups)
            + (root == Vfs.NO_HANDLE ? "" : ", root=" + root) + "]";
    }
}
