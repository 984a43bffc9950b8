package org.exoos.servers.vfs;

/**
 * Device numbers as Linux encodes them in {@code st_dev} and {@code st_rdev} (glibc's {@code makedev}: the
 * low 8 bits of the minor, then 12 bits of major, then the rest of the minor, then the rest of the major).
 * For majors below 4096 and minors below 2^20 this equals the kernel's {@code new_encode_dev}.
 */
public final class DeviceNumbers {
    private DeviceNumbers() {}

    public static long makedev(long major, long minor) {
        return (minor & 0xff) | ((major & 0xfff) << 8) | ((minor & ~0xffL) << 12) | ((major & ~0xfffL) << 32);
    }

    public static long major(long dev) {
        return ((dev >>> 8) & 0xfff) | ((dev >>> 32) & 0xfffff000L);
    }

    public static long minor(long dev) {
        return (dev & 0xff) | ((dev >>> 12) & 0xffffff00L);
    }

    /** "major:minor", as /proc/self/mountinfo and /proc/[pid]/maps print it. */
    public static String toString(long dev) {
        return major(dev) + ":" + minor(dev);
    }
}
