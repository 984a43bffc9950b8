package org.exoos.servers.vfs;

import org.exoos.servers.protocol.Errno;

import org.junit.jupiter.api.Test;

import static org.exoos.servers.vfs.OpenFlags.O_CREAT;
import static org.exoos.servers.vfs.OpenFlags.O_RDONLY;
import static org.exoos.servers.vfs.OpenFlags.O_RDWR;
import static org.exoos.servers.vfs.OpenFlags.O_WRONLY;
import static org.exoos.servers.protocol.Errno.EACCES;
import static org.exoos.servers.protocol.Errno.EPERM;
import static org.junit.jupiter.api.Assertions.assertEquals;

class PermissionsTest extends VfsFixture {

    @Test
    void ownerGroupAndOtherBitsAreCheckedInThatOrder() {
        writeFile(ROOT, "/tmp/f", "x", 0640);
        assertOk(vfs.chown(ROOT, Vfs.NO_HANDLE, "/tmp/f", 1000, 100, 0), "chown");
        assertOk(vfs.chmod(ROOT, Vfs.NO_HANDLE, "/tmp/f", 0460, 0), "chmod 0460");
        // The owner gets only the owner bits (r--), even though the group bits (rw-) would allow more.
        assertErrno(EACCES, open(ALICE, "/tmp/f", O_WRONLY, 0), "owner with r-- writing");
        assertOk(open(ALICE, "/tmp/f", O_RDONLY, 0), "owner reading");
        Credentials carol = Credentials.of(102, 1002, 1002, 100);
        assertOk(open(carol, "/tmp/f", O_RDWR, 0), "group member (supplementary group 100) with rw-");
        assertErrno(EACCES, open(BOB, "/tmp/f", O_RDONLY, 0), "other with ---");
    }

    @Test
    void rootBypassesReadAndWriteButNeedsAnExecuteBitToExecute() {
        writeFile(ROOT, "/tmp/f", "x", 0);
        assertOk(open(ROOT, "/tmp/f", O_RDWR, 0), "root opens a 0000 file");
        assertErrno(EACCES, vfs.access(ROOT, Vfs.NO_HANDLE, "/tmp/f", AtFlags.X_OK, 0), "root X_OK on 0000");
        assertOk(vfs.chmod(ROOT, Vfs.NO_HANDLE, "/tmp/f", 0001, 0), "chmod o+x");
        assertOk(vfs.access(ROOT, Vfs.NO_HANDLE, "/tmp/f", AtFlags.X_OK, 0), "root X_OK with any x bit");
        mkdir(ROOT, "/tmp/d", 0);
        assertOk(vfs.access(ROOT, Vfs.NO_HANDLE, "/tmp/d", AtFlags.X_OK | AtFlags.W_OK | AtFlags.R_OK, 0),
                "root searches and writes a 0000 directory");
    }

    @Test
    void accessChecksEachRequestedBit() {
        writeFile(ROOT, "/tmp/f", "x", 0644);
        assertOk(vfs.access(ALICE, Vfs.NO_HANDLE, "/tmp/f", AtFlags.R_OK, 0), "R_OK");
        assertErrno(EACCES, vfs.access(ALICE, Vfs.NO_HANDLE, "/tmp/f", AtFlags.R_OK | AtFlags.W_OK, 0), "R_OK|W_OK");
        assertOk(vfs.access(ALICE, Vfs.NO_HANDLE, "/tmp/f", AtFlags.F_OK, 0), "F_OK");
        assertErrno(Errno.EINVAL, vfs.access(ALICE, Vfs.NO_HANDLE, "/tmp/f", 8, 0), "bad mode");
    }

    @Test
    void creatingNeedsWriteAndSearchOnTheDirectory() {
        mkdir(ROOT, "/tmp/ro", 0555);
        assertErrno(EACCES, open(ALICE, "/tmp/ro/f", O_CREAT | O_WRONLY, 0644), "create in r-x dir");
        assertErrno(EACCES, vfs.mkdir(ALICE, Vfs.NO_HANDLE, "/tmp/ro/d", 0755, 0), "mkdir in r-x dir");
        assertErrno(EACCES, vfs.symlink(ALICE, "x", Vfs.NO_HANDLE, "/tmp/ro/l"), "symlink in r-x dir");
        mkdir(ROOT, "/tmp/wo", 0333);
        assertOk(open(ALICE, "/tmp/wo/f", O_CREAT | O_WRONLY, 0644), "create in -wx dir");
        Stat s = stat(ROOT, "/tmp/wo/f");
        assertEquals(1000, s.uid, "new file's owner");
        assertEquals(1000, s.gid, "new file's group");
    }

    @Test
    void removingNeedsWriteOnTheDirectoryNotTheFile() {
        mkdir(ROOT, "/tmp/ro", 0755);
        writeFile(ROOT, "/tmp/ro/f", "x", 0666);
        assertErrno(EACCES, vfs.unlink(ALICE, Vfs.NO_HANDLE, "/tmp/ro/f", 0), "unlink in a dir without w");
        mkdir(ROOT, "/tmp/rw", 0777);
        writeFile(ROOT, "/tmp/rw/f", "x", 0);
        assertOk(vfs.unlink(ALICE, Vfs.NO_HANDLE, "/tmp/rw/f", 0), "unlink a 0000 file in a 0777 dir");
        assertErrno(EACCES, vfs.rename(ALICE, Vfs.NO_HANDLE, "/tmp/ro/f", Vfs.NO_HANDLE, "/tmp/rw/g", 0),
                "rename out of a dir without w");
    }

    @Test
    void stickyDirectoryLetsOnlyOwnersRemove() {
        // /tmp is 1777 root:root.
        writeFile(ALICE, "/tmp/alice", "a", 0666);
        assertErrno(EPERM, vfs.unlink(BOB, Vfs.NO_HANDLE, "/tmp/alice", 0), "bob unlinks alice's file in /tmp");
        assertErrno(EPERM, vfs.rename(BOB, Vfs.NO_HANDLE, "/tmp/alice", Vfs.NO_HANDLE, "/tmp/bobs", 0),
                "bob renames alice's file in /tmp");
        writeFile(BOB, "/tmp/bob", "b", 0666);
        assertErrno(EPERM, vfs.rename(BOB, Vfs.NO_HANDLE, "/tmp/bob", Vfs.NO_HANDLE, "/tmp/alice", 0),
                "bob replaces alice's file in /tmp");
        assertOk(vfs.unlink(ALICE, Vfs.NO_HANDLE, "/tmp/alice", 0), "alice unlinks her own file");
        assertOk(vfs.unlink(ROOT, Vfs.NO_HANDLE, "/tmp/bob", 0), "root unlinks anything");
        mkdir(ALICE, "/tmp/alices", 01777);
        writeFile(BOB, "/tmp/alices/bob", "b", 0600);
        assertOk(vfs.unlink(ALICE, Vfs.NO_HANDLE, "/tmp/alices/bob", 0), "the sticky directory's owner may remove");
    }

    @Test
    void chmodAndChownNeedOwnership() {
        writeFile(ALICE, "/tmp/f", "x", 0644);
        assertErrno(EPERM, vfs.chmod(BOB, Vfs.NO_HANDLE, "/tmp/f", 0777, 0), "bob chmods alice's file");
        assertOk(vfs.chmod(ALICE, Vfs.NO_HANDLE, "/tmp/f", 0600, 0), "alice chmods her file");
        assertErrno(EPERM, vfs.chown(ALICE, Vfs.NO_HANDLE, "/tmp/f", 1001, -1, 0), "alice gives her file away");
        assertOk(vfs.chown(ALICE, Vfs.NO_HANDLE, "/tmp/f", -1, 100, 0), "alice chgrps to a group she is in");
        assertErrno(EPERM, vfs.chown(ALICE, Vfs.NO_HANDLE, "/tmp/f", -1, 5, 0), "alice chgrps to a group she is not in");
        assertOk(vfs.chown(ROOT, Vfs.NO_HANDLE, "/tmp/f", 1001, 1001, 0), "root chowns");
        assertEquals(1001, stat(ROOT, "/tmp/f").uid, "new owner");
    }

    @Test
    void chmodByANonMemberDropsSetGroupId() {
        writeFile(ALICE, "/tmp/f", "x", 0644);
        assertOk(vfs.chown(ROOT, Vfs.NO_HANDLE, "/tmp/f", -1, 5, 0), "chgrp 5");
        assertOk(vfs.chmod(ALICE, Vfs.NO_HANDLE, "/tmp/f", 02755, 0), "chmod g+s outside the group");
        assertEquals(0755, stat(ROOT, "/tmp/f").mode & 07777, "S_ISGID dropped");
    }

    @Test
    void writeByAnUnprivilegedUserDropsSetUserId() {
        writeFile(ROOT, "/tmp/suid", "x", 06777);
        assertEquals(06777, stat(ROOT, "/tmp/suid").mode & 07777, "set-id bits set");
        long h = openOk(ALICE, "/tmp/suid", O_WRONLY, 0);
        assertEquals(1, write(h, "y"), "write");
        assertEquals(0777, stat(ROOT, "/tmp/suid").mode & 07777, "set-id bits dropped by the write");
    }

    @Test
    void setGroupIdDirectoryPassesItsGroupOn() {
        mkdir(ROOT, "/tmp/shared", 02777);
        assertEquals(0777, stat(ROOT, "/tmp/shared").mode & 07777, "mkdir ignores S_ISGID in its mode");
        assertOk(vfs.chown(ROOT, Vfs.NO_HANDLE, "/tmp/shared", -1, 100, 0), "chgrp");
        assertOk(vfs.chmod(ROOT, Vfs.NO_HANDLE, "/tmp/shared", 02777, 0), "chmod g+s");
        writeFile(BOB, "/tmp/shared/f", "x", 0644);
        assertEquals(100, stat(ROOT, "/tmp/shared/f").gid, "file inherits the directory's group");
        assertOk(vfs.mkdir(BOB, Vfs.NO_HANDLE, "/tmp/shared/sub", 0755, 0), "mkdir");
        Stat sub = stat(ROOT, "/tmp/shared/sub");
        assertEquals(100, sub.gid, "subdirectory inherits the group");
        assertEquals(02755, sub.mode & 07777, "and the set-group-id bit");
    }

    @Test
    void umaskMasksTheModeOfNewFiles() {
        assertOk(vfs.open(ROOT, Vfs.NO_HANDLE, "/tmp/f", O_CREAT | O_WRONLY, 0666, 022), "create");
        assertEquals(0644, stat(ROOT, "/tmp/f").mode & 07777, "0666 & ~022");
        assertOk(vfs.mkdir(ROOT, Vfs.NO_HANDLE, "/tmp/d", 01777, 077), "mkdir");
        assertEquals(01700, stat(ROOT, "/tmp/d").mode & 07777, "01777 & ~077 keeps sticky");
    }

    @Test
    void utimensNeedsOwnershipForExplicitTimesAndWriteForNow() {
        writeFile(ALICE, "/tmp/f", "x", 0666);
        assertErrno(EPERM, vfs.utimens(BOB, Vfs.NO_HANDLE, "/tmp/f", true, 1, 0, 1, 0, 0), "explicit times by non-owner");
        assertOk(vfs.utimens(BOB, Vfs.NO_HANDLE, "/tmp/f", false, 0, 0, 0, 0, 0), "now by a writer");
        assertOk(vfs.chmod(ALICE, Vfs.NO_HANDLE, "/tmp/f", 0644, 0), "chmod 644");
        assertErrno(EACCES, vfs.utimens(BOB, Vfs.NO_HANDLE, "/tmp/f", false, 0, 0, 0, 0, 0), "now by a non-writer");
        assertOk(vfs.utimens(ALICE, Vfs.NO_HANDLE, "/tmp/f", true, 5, 6, 7, 8, 0), "explicit times by the owner");
        Stat s = stat(ROOT, "/tmp/f");
        assertEquals(5, s.atimeSec, "atime sec");
        assertEquals(6, s.atimeNsec, "atime nsec");
        assertEquals(7, s.mtimeSec, "mtime sec");
        assertEquals(8, s.mtimeNsec, "mtime nsec");
    }

    @Test
    void utimensValidatesNanosecondsAfterThePathAndIgnoresBothOmit() {
        long omit = AtFlags.UTIME_OMIT;
        assertOk(vfs.utimens(ALICE, Vfs.NO_HANDLE, "/tmp/missing", true, 0, omit, 0, omit, 0),
                "both UTIME_OMIT does not even look at the path");
        assertErrno(Errno.ENOENT, vfs.utimens(ROOT, Vfs.NO_HANDLE, "/tmp/missing", true, 0, 2_000_000_000L, 0, omit, 0),
                "the path is resolved before the nanoseconds are checked");
        writeFile(ROOT, "/tmp/f", "x", 0644);
        assertErrno(Errno.EINVAL, vfs.utimens(ROOT, Vfs.NO_HANDLE, "/tmp/f", true, 0, -1, 0, omit, 0), "negative nsec");
        long before = stat(ROOT, "/tmp/f").mtimeNanos();
        clock.advanceSeconds(7);
        assertOk(vfs.utimens(ROOT, Vfs.NO_HANDLE, "/tmp/f", true, 0, AtFlags.UTIME_NOW, 0, omit, 0), "atime now");
        Stat s = stat(ROOT, "/tmp/f");
        assertEquals(clock.now, s.atimeNanos(), "atime now");
        assertEquals(before, s.mtimeNanos(), "mtime omitted");
        assertEquals(clock.now, s.ctimeNanos(), "ctime now");
    }
}
