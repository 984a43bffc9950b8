package org.exoos.servers.vfs.service;

import static org.exoos.servers.protocol.MessageHeaderDescriptor.BYTE_ORDER;

import java.nio.charset.StandardCharsets;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.exoos.servers.vfs.Credentials;

/**
 * The data block of every VFS operation that names a path: who asks, then the path (and for
 * RENAME and SYMLINK a second one). Inline arguments are only 40 bytes, and the supplementary
 * groups do not fit there, so the caller's credentials lead the block that carries the path anyway.
 *
 * <pre>
 *   0                   4                   8                   12        14        16        18        20
 *   +-------------------+-------------------+-------------------+---------+---------+---------+---------+
 *   | pid (int32)       | uid (int32)       | gid (int32)       | groups  | path    | path2   | 0       |
 *   |                   | (fsuid)           | (fsgid)           | (u16)   | len u16 | len u16 | (u16)   |
 *   +-------------------+-------------------+-------------------+---------+---------+---------+---------+
 *  20: root (int64): the handle of the caller's root directory (chroot), -1 for the namespace root
 *  28: groups x int32 (supplementary group ids, at most {@link #MAX_GROUPS})
 *  28 + 4 * groups: path bytes (no NUL), then path2 bytes (no NUL)
 * </pre>
 *
 * Little-endian. Paths are byte strings, as the guest gave them; the vfs reads them one char per byte.
 */
public final class PathBlock {
    public static final int PID_OFFSET = 0;
    public static final int UID_OFFSET = 4;
    public static final int GID_OFFSET = 8;
    public static final int GROUP_COUNT_OFFSET = 12;
    public static final int PATH_LENGTH_OFFSET = 14;
    public static final int PATH2_LENGTH_OFFSET = 16;
    public static final int RESERVED_OFFSET = 18;
    public static final int ROOT_OFFSET = 20;
    public static final int GROUPS_OFFSET = 28;
    /** The fixed part, before the groups. */
    public static final int HEADER_LENGTH = GROUPS_OFFSET;
    /** Most supplementary groups carried (Linux allows 65536; a guest process has a handful). */
    public static final int MAX_GROUPS = 32;
    /** Longest path carried: PATH_MAX (4096) counts the NUL, so 4095 bytes; longer is ENAMETOOLONG. */
    public static final int MAX_PATH_LENGTH = 4095;

    private PathBlock() {
    }

    /** Bytes of a block with {@code groups} groups and paths of these lengths. */
    public static int length(final int groups, final int pathLength, final int path2Length) {
        return GROUPS_OFFSET + groups * Integer.BYTES + pathLength + path2Length;
    }

    /** Writes a path block in place into a claimed data block. */
    public static final class Encoder {
        private MutableDirectBuffer buffer;
        private int offset;
        private int pathsOffset;
        private int pathLength;
        private int path2Length;

        public Encoder wrap(final MutableDirectBuffer buffer, final int offset) {
            this.buffer = buffer;
            this.offset = offset;
            this.pathsOffset = offset + GROUPS_OFFSET;
            this.pathLength = 0;
            this.path2Length = 0;
            buffer.putShort(offset + PATH_LENGTH_OFFSET, (short) 0, BYTE_ORDER);
            buffer.putShort(offset + PATH2_LENGTH_OFFSET, (short) 0, BYTE_ORDER);
            buffer.putShort(offset + RESERVED_OFFSET, (short) 0, BYTE_ORDER);
            return this;
        }

        /** First: the caller's ids and groups (at most {@link #MAX_GROUPS}, extra ones are dropped). */
        public Encoder credentials(final Credentials credentials) {
            buffer.putInt(offset + PID_OFFSET, credentials.pid(), BYTE_ORDER);
            buffer.putInt(offset + UID_OFFSET, credentials.uid(), BYTE_ORDER);
            buffer.putInt(offset + GID_OFFSET, credentials.gid(), BYTE_ORDER);
            buffer.putLong(offset + ROOT_OFFSET, credentials.root(), BYTE_ORDER);
            final int groups = Math.min(credentials.groupCount(), MAX_GROUPS);
            buffer.putShort(offset + GROUP_COUNT_OFFSET, (short) groups, BYTE_ORDER);
            for (int i = 0; i < groups; i++) {
                buffer.putInt(offset + GROUPS_OFFSET + i * Integer.BYTES, credentials.group(i), BYTE_ORDER);
            }
            pathsOffset = offset + GROUPS_OFFSET + groups * Integer.BYTES;
            return this;
        }

        /** Then the path, copied from guest bytes. */
        public Encoder path(final DirectBuffer src, final int srcOffset, final int length) {
            buffer.putBytes(pathsOffset, src, srcOffset, length);
            buffer.putShort(offset + PATH_LENGTH_OFFSET, (short) length, BYTE_ORDER);
            pathLength = length;
            return this;
        }

        /** Then, for RENAME and SYMLINK, the second path. */
        public Encoder path2(final DirectBuffer src, final int srcOffset, final int length) {
            buffer.putBytes(pathsOffset + pathLength, src, srcOffset, length);
            buffer.putShort(offset + PATH2_LENGTH_OFFSET, (short) length, BYTE_ORDER);
            path2Length = length;
            return this;
        }

        /** The block's length so far: what the request's data must carry. */
        public int encodedLength() {
            return pathsOffset - offset + pathLength + path2Length;
        }
    }

    /**
     * Reads a path block in place. {@link #wrap} checks that its lengths are consistent, since the
     * framework only knows that a block came.
     */
    public static final class Decoder {
        private DirectBuffer buffer;
        private int offset;
        private int groupCount;
        private int pathOffset;
        private int pathLength;
        private int path2Length;

        /** @return false if the block is malformed (too short, too many groups, lengths beyond it) */
        public boolean wrap(final DirectBuffer buffer, final int offset, final int length) {
            this.buffer = buffer;
            this.offset = offset;
            if (length < HEADER_LENGTH) {
                return false;
            }
            groupCount = buffer.getShort(offset + GROUP_COUNT_OFFSET, BYTE_ORDER) & 0xFFFF;
            pathLength = buffer.getShort(offset + PATH_LENGTH_OFFSET, BYTE_ORDER) & 0xFFFF;
            path2Length = buffer.getShort(offset + PATH2_LENGTH_OFFSET, BYTE_ORDER) & 0xFFFF;
            pathOffset = offset + GROUPS_OFFSET + groupCount * Integer.BYTES;
            return groupCount <= MAX_GROUPS && PathBlock.length(groupCount, pathLength, path2Length) <= length;
        }

        public int pid() {
            return buffer.getInt(offset + PID_OFFSET, BYTE_ORDER);
        }

        public int uid() {
            return buffer.getInt(offset + UID_OFFSET, BYTE_ORDER);
        }

        public int gid() {
            return buffer.getInt(offset + GID_OFFSET, BYTE_ORDER);
        }

        public long root() {
            return buffer.getLong(offset + ROOT_OFFSET, BYTE_ORDER);
        }

        public int groupCount() {
            return groupCount;
        }

        public int group(final int index) {
            return buffer.getInt(offset + GROUPS_OFFSET + index * Integer.BYTES, BYTE_ORDER);
        }

        /** Whether these are the ids and groups of {@code credentials}: lets a server reuse them. */
        public boolean matches(final Credentials credentials) {
            if (credentials == null || credentials.pid() != pid() || credentials.uid() != uid()
                || credentials.gid() != gid() || credentials.root() != root()
                || credentials.groupCount() != groupCount) {
                return false;
            }
            for (int i = 0; i < groupCount; i++) {
                if (credentials.group(i) != group(i)) {
                    return false;
                }
            }
            return true;
        }

        /** New credentials from the block (allocates: call when {@link #matches} says no). */
        public Credentials credentials() {
            final int[] groups = new int[groupCount];
            for (int i = 0; i < groupCount; i++) {
                groups[i] = group(i);
            }
            return Credentials.of(pid(), uid(), gid(), groups).withRoot(root());
        }

        public int pathOffset() {
            return pathOffset;
        }

        public int pathLength() {
            return pathLength;
        }

        public int path2Offset() {
            return pathOffset + pathLength;
        }

        public int path2Length() {
            return path2Length;
        }

        /** The path as the vfs takes it, one char per byte (allocates the String). */
        public String path(final byte[] scratch) {
            return string(pathOffset, pathLength, scratch);
        }

        public String path2(final byte[] scratch) {
            return string(pathOffset + pathLength, path2Length, scratch);
        }

        private String string(final int at, final int length, final byte[] scratch) {
            buffer.getBytes(at, scratch, 0, length);
            return new String(scratch, 0, length, StandardCharsets.ISO_8859_1);
        }
    }
}
