package org.exoos.libposix.process;

import org.exoos.libposix.host.HostLibc;

import java.util.Arrays;

/**
 * The user and group ids of a process, as Linux's struct cred keeps them: real, effective, saved set-user-ID
 * and file-system ids, the same four for groups, and the supplementary groups (sorted ascending, as
 * setgroups(2) leaves them). Immutable: a set*id call makes new credentials.
 * <p>
 * There are no capabilities: an effective uid of 0 holds CAP_SETUID and CAP_SETGID (so {@link #isPrivileged}),
 * and the vfs treats an fsuid of 0 as holding the file capabilities. A process whose three uids all leave 0
 * can never get back, as on Linux when it loses its permitted capabilities.
 */
public record Credentials(int uid, int euid, int suid, int fsuid, int gid, int egid, int sgid, int fsgid,
                          int[] groups) {
    public static final Credentials ROOT = new Credentials(0, 0, 0, 0);

    public Credentials {
        groups = groups.clone();
        Arrays.sort(groups);
    }

    /** A process that never changed ids: saved and file-system ids equal the effective ones, no groups. */
    public Credentials(int uid, int euid, int gid, int egid) {
        this(uid, euid, euid, euid, gid, egid, egid, egid, new int[0]);
    }

    /** The ids of the host process running Exo-OS, as qemu-riscv64 passes them through. */
    public static Credentials ofHost() {
        return new Credentials(HostLibc.getuid(), HostLibc.geteuid(), HostLibc.getgid(), HostLibc.getegid());
    }

    /** CAP_SETUID and CAP_SETGID: held by an effective uid of 0. */
    public boolean isPrivileged() {
        return euid == 0;
    }

    /** Whether {@code id} is the real, effective or saved uid (what an unprivileged set*uid may pick). */
    public boolean hasUid(int id) {
        return id == uid || id == euid || id == suid;
    }

    public boolean hasGid(int id) {
        return id == gid || id == egid || id == sgid;
    }

    /** New user ids; the file-system uid follows the effective one, as on every set*uid but setfsuid. */
    public Credentials withUids(int real, int effective, int saved) {
        return new Credentials(real, effective, saved, effective, gid, egid, sgid, fsgid, groups);
    }

    public Credentials withGids(int real, int effective, int saved) {
        return new Credentials(uid, euid, suid, fsuid, real, effective, saved, effective, groups);
    }

    public Credentials withFsuid(int id) {
        return new Credentials(uid, euid, suid, id, gid, egid, sgid, fsgid, groups);
    }

    public Credentials withFsgid(int id) {
        return new Credentials(uid, euid, suid, fsuid, gid, egid, sgid, id, groups);
    }

    public Credentials withGroups(int[] supplementary) {
        return new Credentials(uid, euid, suid, fsuid, gid, egid, sgid, fsgid, supplementary);
    }

    public int groupCount() {
        return groups.length;
    }

    public int group(int index) {
        return groups[index];
    }

    /** A copy of the supplementary groups (the record's accessor shares the array). */
    public int[] groupsCopy() {
        return groups.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Credentials c && uid == c.uid && euid == c.euid && suid == c.suid && fsuid == c.fsuid
                && gid == c.gid && egid == c.egid && sgid == c.sgid && fsgid == c.fsgid && Arrays.equals(groups, c.groups);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * uid + euid) + Arrays.hashCode(groups);
    }

    @Override
    public String toString() {
        return "Credentials[uid=" + uid + "/" + euid + "/" + suid + "/" + fsuid + ", gid=" + gid + "/" + egid + "/"
                + sgid + "/" + fsgid + ", groups=" + Arrays.toString(groups) + "]";
    }
}
