package org.exoos.servers.vfs.service;

import static org.exoos.servers.protocol.MessageHeaderDescriptor.BYTE_ORDER;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.exoos.servers.protocol.DataRule;
import org.exoos.servers.protocol.Protocol;
import org.exoos.servers.protocol.ProtocolIds;

/**
 * The VFS wire protocol ({@link ProtocolIds#VFS}, version {@value #VERSION}): one operation per
 * {@link org.exoos.servers.vfs.Vfs} call the kernel needs first. Shared by the kernel's
 * {@link VfsClient} and the {@link VfsService}. Argument offsets are relative to the start of the
 * inline arguments; all fields little-endian. Every reply's result is what the syscall returns:
 * {@code >= 0} or {@code -errno}, passed through from the vfs.
 *
 * <p>"path" in the data column is a {@link PathBlock}: the caller's credentials (pid, uid, gid,
 * groups) then the path bytes (and a second path where two are named). Handles are the vfs's open
 * file handles; a dirHandle of {@link org.exoos.servers.vfs.Vfs#NO_HANDLE} (-1) starts relative
 * paths at the root.
 *
 * <pre>
 * op  name        arguments (offset: field)                           request data  reply
 *  1  OPEN        0: dirHandle i64  8: flags i32  12: mode i32        path          result = handle
 *                 16: umask i32                              (20 B)
 *  2  CLOSE       0: handle i64                              ( 8 B)   -             0
 *  3  READ        0: handle i64  8: length i32               (12 B)   -             count; data = bytes
 *  4  WRITE       0: handle i64                              ( 8 B)   bytes (opt.)  count
 *  5  PREAD       0: handle i64  8: position i64  16: length i32      -             count; data = bytes
 *                                                            (20 B)
 *  6  PWRITE      0: handle i64  8: position i64             (16 B)   bytes (opt.)  count
 *  7  LSEEK       0: handle i64  8: offset i64  16: whence i32        -             new offset
 *                                                            (20 B)
 *  8  FSTAT       0: handle i64                              ( 8 B)   -             0; data = struct stat (128 B)
 *  9  STAT        0: dirHandle i64  8: atFlags i32           (12 B)   path          0; data = struct stat (128 B)
 * 10  GETDENTS64  0: handle i64  8: length i32               (12 B)   -             bytes; data = linux_dirent64s
 * 11  MKDIR       0: dirHandle i64  8: mode i32  12: umask i32 (16 B) path          0
 * 12  UNLINK      0: dirHandle i64  8: atFlags i32           (12 B)   path          0
 * 13  RENAME      0: oldDirHandle i64  8: newDirHandle i64            path = old,   0
 *                 16: flags i32 (RENAME_*)                   (20 B)   path2 = new
 * 14  SYMLINK     0: dirHandle i64 (of the link)             ( 8 B)   path = target, 0
 *                                                                     path2 = link
 * 15  READLINK    0: dirHandle i64  8: length i32            (12 B)   path          count; data = target
 * 16  ACCESS      0: dirHandle i64  8: mode i32  12: atFlags i32      path          0
 *                                                            (16 B)
 * 17  FTRUNCATE   0: handle i64  8: length i64               (16 B)   -             0
 * 18  GETCWD      0: handle i64 (the cwd)  8: length i32     (12 B)   -             length with NUL; data = path, NUL
 * 19  CHDIR       0: dirHandle i64                           ( 8 B)   path          result = O_PATH handle of the dir
 * 20  RETAIN      0: handle i64                              ( 8 B)   -             0 (dup: one more reference)
 * 21  FCHMOD      0: handle i64  8: mode i32                 (12 B)   cred          0
 * 22  CHMOD       0: dirHandle i64  8: mode i32  12: atFlags i32      path          0
 *                                                            (16 B)
 * 23  FCHOWN      0: handle i64  8: uid i32  12: gid i32     (16 B)   cred          0 (-1: id unchanged)
 * 24  CHOWN       0: dirHandle i64  8: uid i32  12: gid i32           path          0
 *                 16: atFlags i32                            (20 B)
 * 25  UTIMENS     0: dirHandle i64  8: atimeSec i64                   path          0
 *                 16: mtimeSec i64  24: atimeNsec i32
 *                 28: mtimeNsec i32  32: atFlags i32
 *                 36: timesGiven i32 (0: NULL times, both now)  (40 B)
 * 26  FUTIMENS    as UTIMENS, the handle an open file's; atFlags 0      cred          0
 * 27  LINK        0: oldDirHandle i64  8: newDirHandle i64            path = old,   0
 *                 16: atFlags i32 (AT_SYMLINK_FOLLOW, AT_EMPTY_PATH)  path2 = new
 *                                                            (20 B)
 * 28  FSYNC       0: handle i64  8: dataOnly i32 (fdatasync) (12 B)   -             0
 * 29  STATFS      0: dirHandle i64                           ( 8 B)   path          0; data = struct statfs (120 B)
 * 30  FSTATFS     0: handle i64                              ( 8 B)   -             0; data = struct statfs (120 B)
 * 31  MOUNT       0: dirHandle i64  8: flags i64 (MS_*)      (16 B)   path = target, 0
 *                                                                     path2 = source NUL fstype NUL data
 * 32  UMOUNT      0: dirHandle i64  8: flags i32 (MNT_*)     (12 B)   path          0
 * 33  FCHDIR      0: handle i64                              ( 8 B)   cred          0 (the checks of fchdir)
 * 34  GETFL       0: handle i64                              ( 8 B)   -             the status flags
 * 35  SETFL       0: handle i64  8: flags i32                (12 B)   cred          0
 * 36  TRUNCATE    0: dirHandle i64  8: length i64            (16 B)   path          0
 * 37  LOCK        0: handle i64  8: l_start i64  16: l_len i64        -             0; GETLK data = the
 *                 24: pid i32 (owner process)  28: cmd i32 (F_*LK*)                 conflicting lock as a
 *                 32: l_type i16  34: l_whence i16  36: l_pid i32                   struct flock (32 B),
 *                                                            (40 B)                 none if there is none
 *     RELEASE_POSIX_LOCKS: LOCK with cmd {@value #LOCK_RELEASE_POSIX}: process pid closed a descriptor of the file
 *     FLOCK: LOCK with cmd {@value #LOCK_FLOCK}, l_type = LOCK_SH, LOCK_EX or LOCK_UN: flock(2) by the open
 *            file description; a conflict is -EAGAIN ({@link org.exoos.servers.vfs.locks.FlockTable})
 * 38  SET_CLOCK_OFFSET  0: offsetNanos i64 (8 B)                    -             0; -EINVAL if the vfs's
 *                 clock is not the machine's ({@link org.exoos.servers.vfs.VfsClock.Machine}): file times from
 *                 now on are the host's time plus the offset. Only the kernel sends it, when a program sets the
 *                 realtime clock (it checked CAP_SYS_TIME); it carries no credentials.
 * 39  MKNOD       0: dirHandle i64  8: dev i64  16: mode i32          path          0
 *                 20: umask i32                              (24 B)
 * </pre>
 *
 * "cred" is a path block with an empty path: the caller's credentials for an operation on an open file.
 * A F_SETLKW that conflicts answers -EAGAIN ("not now": the kernel waits and asks again) or -EDEADLK
 * when only the caller's own locks stand in the way ({@link org.exoos.servers.vfs.locks.RecordLockTable}).
 * UTIMENS nanoseconds outside the int32 range travel as -1, which is as invalid (EINVAL) as they were.
 *
 * <p>A reply carrying data is clamped to the channel's block size: READ, PREAD, GETDENTS64 return
 * less than asked, as a short read; STAT/FSTAT replies need {@value #STAT_LENGTH} bytes.
 *
 * <p>Version rule: any change to an operation's layout or meaning, or a new operation, takes a new
 * {@link #VERSION}; version 2 added operations 21 to 37 (LOCK's FLOCK cmd among them), version 3
 * SET_CLOCK_OFFSET (38), version 4 the caller's root handle in the path block (chroot), version 5
 * MKNOD (39).
 */
public final class VfsCodec {
    public static final int VERSION = 5;

    public static final int OP_OPEN = 1;
    public static final int OP_CLOSE = 2;
    public static final int OP_READ = 3;
    public static final int OP_WRITE = 4;
    public static final int OP_PREAD = 5;
    public static final int OP_PWRITE = 6;
    public static final int OP_LSEEK = 7;
    public static final int OP_FSTAT = 8;
    public static final int OP_STAT = 9;
    public static final int OP_GETDENTS64 = 10;
    public static final int OP_MKDIR = 11;
    public static final int OP_UNLINK = 12;
    public static final int OP_RENAME = 13;
    public static final int OP_SYMLINK = 14;
    public static final int OP_READLINK = 15;
    public static final int OP_ACCESS = 16;
    public static final int OP_FTRUNCATE = 17;
    public static final int OP_GETCWD = 18;
    public static final int OP_CHDIR = 19;
    public static final int OP_RETAIN = 20;
    public static final int OP_FCHMOD = 21;
    public static final int OP_CHMOD = 22;
    public static final int OP_FCHOWN = 23;
    public static final int OP_CHOWN = 24;
    public static final int OP_UTIMENS = 25;
    public static final int OP_FUTIMENS = 26;
    public static final int OP_LINK = 27;
    public static final int OP_FSYNC = 28;
    public static final int OP_STATFS = 29;
    public static final int OP_FSTATFS = 30;
    public static final int OP_MOUNT = 31;
    public static final int OP_UMOUNT = 32;
    public static final int OP_FCHDIR = 33;
    public static final int OP_GETFL = 34;
    public static final int OP_SETFL = 35;
    public static final int OP_TRUNCATE = 36;
    public static final int OP_LOCK = 37;
    public static final int OP_SET_CLOCK_OFFSET = 38;
    public static final int OP_MKNOD = 39;

    /** LOCK's cmd for "process pid closed a descriptor of this file": its POSIX locks there are released. */
    public static final int LOCK_RELEASE_POSIX = -1;
    /** LOCK's cmd for flock(2): l_type carries the operation (LOCK_SH, LOCK_EX, LOCK_UN). */
    public static final int LOCK_FLOCK = -2;
    /** Separates source, fstype and data in MOUNT's second path. */
    public static final byte MOUNT_FIELD_SEPARATOR = 0;

    /** Every operation starts with a handle: an open file's, or the directory a path starts at. */
    public static final int HANDLE_OFFSET = 0;
    /** int32 after the handle: READ, GETDENTS64, READLINK, GETCWD length; OPEN flags; STAT, UNLINK atFlags; MKDIR, ACCESS mode. */
    public static final int FIRST_INT_OFFSET = 8;
    /** int32 after that: OPEN mode, MKDIR umask, ACCESS atFlags. */
    public static final int SECOND_INT_OFFSET = 12;
    /** int32 at 16: OPEN umask. */
    public static final int THIRD_INT_OFFSET = 16;
    /** int64 after the handle: PREAD/PWRITE position, LSEEK offset, FTRUNCATE length, RENAME newDirHandle. */
    public static final int LONG_OFFSET = 8;
    /** int32 after that long: PREAD length, LSEEK whence, RENAME flags. */
    public static final int INT_AFTER_LONG_OFFSET = 16;

    public static final int HANDLE_LENGTH = 8;
    public static final int HANDLE_INT_LENGTH = 12;
    public static final int HANDLE_TWO_INTS_LENGTH = 16;
    public static final int HANDLE_LONG_LENGTH = 16;
    public static final int HANDLE_LONG_INT_LENGTH = 20;
    public static final int OPEN_LENGTH = 20;
    public static final int HANDLE_THREE_INTS_LENGTH = 20;

    /** MKNOD: the device number after the handle (at {@link #LONG_OFFSET}), then mode and umask. */
    public static final int MKNOD_MODE_OFFSET = 16;
    public static final int MKNOD_UMASK_OFFSET = 20;
    public static final int MKNOD_LENGTH = 24;

    /** UTIMENS and FUTIMENS. */
    public static final int ATIME_SEC_OFFSET = 8;
    public static final int MTIME_SEC_OFFSET = 16;
    public static final int ATIME_NSEC_OFFSET = 24;
    public static final int MTIME_NSEC_OFFSET = 28;
    public static final int TIMES_FLAGS_OFFSET = 32;
    public static final int TIMES_GIVEN_OFFSET = 36;
    public static final int UTIMENS_LENGTH = 40;

    /** LOCK. */
    public static final int LOCK_START_OFFSET = 8;
    public static final int LOCK_LEN_OFFSET = 16;
    public static final int LOCK_OWNER_PID_OFFSET = 24;
    public static final int LOCK_CMD_OFFSET = 28;
    public static final int LOCK_TYPE_OFFSET = 32;
    public static final int LOCK_WHENCE_OFFSET = 34;
    public static final int LOCK_L_PID_OFFSET = 36;
    public static final int LOCK_LENGTH = 40;
    /** A LOCK reply's data: the conflicting lock as a riscv64 struct flock. */
    public static final int FLOCK_LENGTH = org.exoos.servers.vfs.locks.FlockDescriptor.SIZE;

    /** Size of a riscv64 {@code struct statfs} in STATFS and FSTATFS replies. */
    public static final int STATFS_LENGTH = org.exoos.servers.vfs.StatFs.STRUCT_STATFS_SIZE;

    /** Size of a riscv64 {@code struct stat} in STAT and FSTAT replies. */
    public static final int STAT_LENGTH = org.exoos.servers.vfs.Stat.STRUCT_STAT_SIZE;

    public static final Protocol PROTOCOL = Protocol.builder("vfs", ProtocolIds.VFS, VERSION)
        .operation(OP_OPEN, "open", OPEN_LENGTH, DataRule.REQUIRED)
        .operation(OP_CLOSE, "close", HANDLE_LENGTH, DataRule.NONE)
        .operation(OP_READ, "read", HANDLE_INT_LENGTH, DataRule.NONE)
        .operation(OP_WRITE, "write", HANDLE_LENGTH, DataRule.OPTIONAL)
        .operation(OP_PREAD, "pread", HANDLE_LONG_INT_LENGTH, DataRule.NONE)
        .operation(OP_PWRITE, "pwrite", HANDLE_LONG_LENGTH, DataRule.OPTIONAL)
        .operation(OP_LSEEK, "lseek", HANDLE_LONG_INT_LENGTH, DataRule.NONE)
        .operation(OP_FSTAT, "fstat", HANDLE_LENGTH, DataRule.NONE)
        .operation(OP_STAT, "stat", HANDLE_INT_LENGTH, DataRule.REQUIRED)
        .operation(OP_GETDENTS64, "getdents64", HANDLE_INT_LENGTH, DataRule.NONE)
        .operation(OP_MKDIR, "mkdir", HANDLE_TWO_INTS_LENGTH, DataRule.REQUIRED)
        .operation(OP_UNLINK, "unlink", HANDLE_INT_LENGTH, DataRule.REQUIRED)
        .operation(OP_RENAME, "rename", HANDLE_LONG_INT_LENGTH, DataRule.REQUIRED)
        .operation(OP_SYMLINK, "symlink", HANDLE_LENGTH, DataRule.REQUIRED)
        .operation(OP_READLINK, "readlink", HANDLE_INT_LENGTH, DataRule.REQUIRED)
        .operation(OP_ACCESS, "access", HANDLE_TWO_INTS_LENGTH, DataRule.REQUIRED)
        .operation(OP_FTRUNCATE, "ftruncate", HANDLE_LONG_LENGTH, DataRule.NONE)
        .operation(OP_GETCWD, "getcwd", HANDLE_INT_LENGTH, DataRule.NONE)
        .operation(OP_CHDIR, "chdir", HANDLE_LENGTH, DataRule.REQUIRED)
        .operation(OP_RETAIN, "retain", HANDLE_LENGTH, DataRule.NONE)
        .operation(OP_FCHMOD, "fchmod", HANDLE_INT_LENGTH, DataRule.REQUIRED)
        .operation(OP_CHMOD, "chmod", HANDLE_TWO_INTS_LENGTH, DataRule.REQUIRED)
        .operation(OP_FCHOWN, "fchown", HANDLE_TWO_INTS_LENGTH, DataRule.REQUIRED)
        .operation(OP_CHOWN, "chown", HANDLE_THREE_INTS_LENGTH, DataRule.REQUIRED)
        .operation(OP_UTIMENS, "utimens", UTIMENS_LENGTH, DataRule.REQUIRED)
        .operation(OP_FUTIMENS, "futimens", UTIMENS_LENGTH, DataRule.REQUIRED)
        .operation(OP_LINK, "link", HANDLE_LONG_INT_LENGTH, DataRule.REQUIRED)
        .operation(OP_FSYNC, "fsync", HANDLE_INT_LENGTH, DataRule.NONE)
        .operation(OP_STATFS, "statfs", HANDLE_LENGTH, DataRule.REQUIRED)
        .operation(OP_FSTATFS, "fstatfs", HANDLE_LENGTH, DataRule.NONE)
        .operation(OP_MOUNT, "mount", HANDLE_LONG_LENGTH, DataRule.REQUIRED)
        .operation(OP_UMOUNT, "umount", HANDLE_INT_LENGTH, DataRule.REQUIRED)
        .operation(OP_FCHDIR, "fchdir", HANDLE_LENGTH, DataRule.REQUIRED)
        .operation(OP_GETFL, "getfl", HANDLE_LENGTH, DataRule.NONE)
        .operation(OP_SETFL, "setfl", HANDLE_INT_LENGTH, DataRule.REQUIRED)
        .operation(OP_TRUNCATE, "truncate", HANDLE_LONG_LENGTH, DataRule.REQUIRED)
        .operation(OP_LOCK, "lock", LOCK_LENGTH, DataRule.NONE)
        .operation(OP_SET_CLOCK_OFFSET, "set_clock_offset", HANDLE_LENGTH, DataRule.NONE)
        .operation(OP_MKNOD, "mknod", MKNOD_LENGTH, DataRule.REQUIRED)
        .build();

    private VfsCodec() {
    }

    // ---- encoding (client) -------------------------------------------------------------------

    /** CLOSE, WRITE, FSTAT, SYMLINK, CHDIR, RETAIN: the handle alone. */
    public static int encodeHandle(final MutableDirectBuffer buffer, final int offset, final long handle) {
        buffer.putLong(offset + HANDLE_OFFSET, handle, BYTE_ORDER);
        return HANDLE_LENGTH;
    }

    /** READ, GETDENTS64, READLINK, GETCWD (length); STAT, UNLINK (atFlags). */
    public static int encodeHandleInt(final MutableDirectBuffer buffer, final int offset, final long handle,
                                      final int value) {
        buffer.putLong(offset + HANDLE_OFFSET, handle, BYTE_ORDER);
        buffer.putInt(offset + FIRST_INT_OFFSET, value, BYTE_ORDER);
        return HANDLE_INT_LENGTH;
    }

    /** MKDIR (mode, umask), ACCESS (mode, atFlags). */
    public static int encodeHandleTwoInts(final MutableDirectBuffer buffer, final int offset, final long handle,
                                          final int first, final int second) {
        buffer.putLong(offset + HANDLE_OFFSET, handle, BYTE_ORDER);
        buffer.putInt(offset + FIRST_INT_OFFSET, first, BYTE_ORDER);
        buffer.putInt(offset + SECOND_INT_OFFSET, second, BYTE_ORDER);
        return HANDLE_TWO_INTS_LENGTH;
    }

    /** PWRITE (position), FTRUNCATE (length). */
    public static int encodeHandleLong(final MutableDirectBuffer buffer, final int offset, final long handle,
                                       final long value) {
        buffer.putLong(offset + HANDLE_OFFSET, handle, BYTE_ORDER);
        buffer.putLong(offset + LONG_OFFSET, value, BYTE_ORDER);
        return HANDLE_LONG_LENGTH;
    }

    /** PREAD (position, length), LSEEK (offset, whence), RENAME (newDirHandle, flags). */
    public static int encodeHandleLongInt(final MutableDirectBuffer buffer, final int offset, final long handle,
                                          final long value, final int intValue) {
        buffer.putLong(offset + HANDLE_OFFSET, handle, BYTE_ORDER);
        buffer.putLong(offset + LONG_OFFSET, value, BYTE_ORDER);
        buffer.putInt(offset + INT_AFTER_LONG_OFFSET, intValue, BYTE_ORDER);
        return HANDLE_LONG_INT_LENGTH;
    }

    /** OPEN. */
    public static int encodeOpen(final MutableDirectBuffer buffer, final int offset, final long dirHandle,
                                 final int flags, final int mode, final int umask) {
        buffer.putLong(offset + HANDLE_OFFSET, dirHandle, BYTE_ORDER);
        buffer.putInt(offset + FIRST_INT_OFFSET, flags, BYTE_ORDER);
        buffer.putInt(offset + SECOND_INT_OFFSET, mode, BYTE_ORDER);
        buffer.putInt(offset + THIRD_INT_OFFSET, umask, BYTE_ORDER);
        return OPEN_LENGTH;
    }

    /** CHOWN (uid, gid, atFlags). */
    public static int encodeHandleThreeInts(final MutableDirectBuffer buffer, final int offset, final long handle,
                                            final int first, final int second, final int third) {
        buffer.putLong(offset + HANDLE_OFFSET, handle, BYTE_ORDER);
        buffer.putInt(offset + FIRST_INT_OFFSET, first, BYTE_ORDER);
        buffer.putInt(offset + SECOND_INT_OFFSET, second, BYTE_ORDER);
        buffer.putInt(offset + THIRD_INT_OFFSET, third, BYTE_ORDER);
        return HANDLE_THREE_INTS_LENGTH;
    }

    /** UTIMENS, FUTIMENS: nanoseconds beyond int32 become -1 (invalid either way). */
    public static int encodeUtimens(final MutableDirectBuffer buffer, final int offset, final long handle,
                                    final boolean timesGiven, final long atimeSec, final long atimeNsec,
                                    final long mtimeSec, final long mtimeNsec, final int atFlags) {
        buffer.putLong(offset + HANDLE_OFFSET, handle, BYTE_ORDER);
        buffer.putLong(offset + ATIME_SEC_OFFSET, atimeSec, BYTE_ORDER);
        buffer.putLong(offset + MTIME_SEC_OFFSET, mtimeSec, BYTE_ORDER);
        buffer.putInt(offset + ATIME_NSEC_OFFSET, narrowNsec(atimeNsec), BYTE_ORDER);
        buffer.putInt(offset + MTIME_NSEC_OFFSET, narrowNsec(mtimeNsec), BYTE_ORDER);
        buffer.putInt(offset + TIMES_FLAGS_OFFSET, atFlags, BYTE_ORDER);
        buffer.putInt(offset + TIMES_GIVEN_OFFSET, timesGiven ? 1 : 0, BYTE_ORDER);
        return UTIMENS_LENGTH;
    }

    private static int narrowNsec(final long nsec) {
        return nsec == (int) nsec ? (int) nsec : -1;
    }

    /** MKNOD (dev, mode, umask). */
    public static int encodeMknod(final MutableDirectBuffer buffer, final int offset, final long dirHandle,
                                  final int mode, final long dev, final int umask) {
        buffer.putLong(offset + HANDLE_OFFSET, dirHandle, BYTE_ORDER);
        buffer.putLong(offset + LONG_OFFSET, dev, BYTE_ORDER);
        buffer.putInt(offset + MKNOD_MODE_OFFSET, mode, BYTE_ORDER);
        buffer.putInt(offset + MKNOD_UMASK_OFFSET, umask, BYTE_ORDER);
        return MKNOD_LENGTH;
    }

    /** LOCK. */
    public static int encodeLock(final MutableDirectBuffer buffer, final int offset, final long handle,
                                 final int ownerPid, final int cmd, final int type, final int whence,
                                 final long start, final long length, final int lPid) {
        buffer.putLong(offset + HANDLE_OFFSET, handle, BYTE_ORDER);
        buffer.putLong(offset + LOCK_START_OFFSET, start, BYTE_ORDER);
        buffer.putLong(offset + LOCK_LEN_OFFSET, length, BYTE_ORDER);
        buffer.putInt(offset + LOCK_OWNER_PID_OFFSET, ownerPid, BYTE_ORDER);
        buffer.putInt(offset + LOCK_CMD_OFFSET, cmd, BYTE_ORDER);
        buffer.putShort(offset + LOCK_TYPE_OFFSET, (short) type, BYTE_ORDER);
        buffer.putShort(offset + LOCK_WHENCE_OFFSET, (short) whence, BYTE_ORDER);
        buffer.putInt(offset + LOCK_L_PID_OFFSET, lPid, BYTE_ORDER);
        return LOCK_LENGTH;
    }

    // ---- decoding (server) -------------------------------------------------------------------
    // The framework has checked each operation's argument length, so fields are read unchecked.

    public static long handle(final DirectBuffer buffer, final int offset) {
        return buffer.getLong(offset + HANDLE_OFFSET, BYTE_ORDER);
    }

    public static int firstInt(final DirectBuffer buffer, final int offset) {
        return buffer.getInt(offset + FIRST_INT_OFFSET, BYTE_ORDER);
    }

    public static int secondInt(final DirectBuffer buffer, final int offset) {
        return buffer.getInt(offset + SECOND_INT_OFFSET, BYTE_ORDER);
    }

    public static int thirdInt(final DirectBuffer buffer, final int offset) {
        return buffer.getInt(offset + THIRD_INT_OFFSET, BYTE_ORDER);
    }

    public static long longValue(final DirectBuffer buffer, final int offset) {
        return buffer.getLong(offset + LONG_OFFSET, BYTE_ORDER);
    }

    public static int intAfterLong(final DirectBuffer buffer, final int offset) {
        return buffer.getInt(offset + INT_AFTER_LONG_OFFSET, BYTE_ORDER);
    }

    public static long longAt(final DirectBuffer buffer, final int offset, final int field) {
        return buffer.getLong(offset + field, BYTE_ORDER);
    }

    public static int intAt(final DirectBuffer buffer, final int offset, final int field) {
        return buffer.getInt(offset + field, BYTE_ORDER);
    }

    public static int shortAt(final DirectBuffer buffer, final int offset, final int field) {
        return buffer.getShort(offset + field, BYTE_ORDER);
    }
}
