package org.exoos.servers.vfs.tmpfs;

import org.exoos.servers.protocol.Errno;

import org.agrona.collections.MutableReference;
import org.exoos.servers.vfs.FileSystem;
import org.exoos.servers.vfs.FileSystemType;
import org.exoos.servers.vfs.VfsClock;

import static org.exoos.servers.protocol.Errno.EINVAL;

/**
 * mount -t tmpfs: a new, empty {@link Tmpfs} per mount. Options (comma-separated, as Linux's):
 * {@code size=N[k|m|g|%]} (bytes, or a percentage of the default), {@code nr_inodes=N[k|m|g]},
 * {@code mode=OCTAL} for the root (default 1777), {@code uid=N}, {@code gid=N}; {@code huge=}, {@code mpol=},
 * {@code inode32}, {@code inode64} and {@code noswap} are accepted and ignored; anything else is EINVAL.
 */
public final class TmpfsType implements FileSystemType {
    private final String name;
    private final VfsClock clock;

    public TmpfsType(VfsClock clock) {
        this("tmpfs", clock);
    }

    /** A type with another name (devtmpfs is a tmpfs). */
    public TmpfsType(String name, VfsClock clock) {
        this.name = name;
        this.clock = clock;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int create(long dev, String source, String data, MutableReference<FileSystem> result) {
        long defaultBytes = Tmpfs.defaultMaxBytes();
        long maxBytes = defaultBytes;
        long maxInodes = Math.max(1, defaultBytes / 4096);
        int mode = 01777;
        int uid = 0;
        int gid = 0;
        StringBuilder shown = new StringBuilder();
        if (data != null && !data.isEmpty()) {
            for (String option : data.split(",")) {
                if (option.isEmpty()) {
                    continue;
                }
                int eq = option.indexOf('=');
                String key = eq < 0 ? option : option.substring(0, eq);
                String value = eq < 0 ? null : option.substring(eq + 1);
                try {
                    switch (key) {
                        case "size" -> {
                            maxBytes = value.endsWith("%")
                                    ? defaultBytes * 2 / 100 * Long.parseLong(value.substring(0, value.length() - 1))
                                    : parseSize(value);
                            append(shown, "size=" + (maxBytes / 1024) + "k");
                        }
                        case "nr_inodes" -> {
                            maxInodes = parseSize(value);
                            append(shown, "nr_inodes=" + maxInodes);
                        }
                        case "mode" -> {
                            mode = Integer.parseInt(value, 8) & 07777;
                            append(shown, "mode=" + Integer.toOctalString(mode));
                        }
                        case "uid" -> {
                            uid = Integer.parseInt(value);
                            append(shown, "uid=" + uid);
                        }
                        case "gid" -> {
                            gid = Integer.parseInt(value);
                            append(shown, "gid=" + gid);
                        }
                        case "huge", "mpol", "inode32", "inode64", "noswap" -> {
                        }
                        default -> {
                            return -EINVAL;
                        }
                    }
                } catch (RuntimeException malformed) {
                    return -EINVAL;
                }
            }
        }
        if (maxBytes <= 0 || maxInodes <= 0) {
            return -EINVAL;
        }
        result.ref = new Tmpfs(name, dev, clock, maxBytes, maxInodes, mode, uid, gid, shown.toString());
        return 0;
    }

    /** memparse: a number with an optional k, m or g suffix. */
    static long parseSize(String value) {
        char suffix = Character.toLowerCase(value.charAt(value.length() - 1));
        long scale = switch (suffix) {
            case 'k' -> 1L << 10;
            case 'm' -> 1L << 20;
            case 'g' -> 1L << 30;
            default -> 1;
        };
        String digits = scale == 1 ? value : value.substring(0, value.length() - 1);
        return Math.multiplyExact(Long.parseLong(digits), scale);
    }

    private static void append(StringBuilder sb, String option) {
        if (!sb.isEmpty()) {
            sb.append(',');
        }
        sb.append(option);
    }
}
