package org.exoos.boot;

/** Parses memory sizes as bin/exo accepts them: a number of bytes, or with a K, M or G suffix (powers of 1024). */
final class MemorySize {
    private MemorySize() {}

    /** The smallest machine worth booting. */
    static final long MIN = 1L << 20;
    /** PhysicalMemory counts frames in an int. */
    static final long MAX = (long) Integer.MAX_VALUE << 12;

    /** The size in bytes, or -1 when the text is not a size we accept (a multiple of 4 KiB from 1M up). */
    static long parse(String text) {
        if (text == null || text.isEmpty()) return -1;
        String s = text.trim();
        long unit = 1;
        char last = Character.toUpperCase(s.charAt(s.length() - 1));
        switch (last) {
            case 'K' -> unit = 1L << 10;
            case 'M' -> unit = 1L << 20;
            case 'G' -> unit = 1L << 30;
            default -> { }
        }
        if (unit != 1) s = s.substring(0, s.length() - 1);
        if (s.isEmpty() || !s.chars().allMatch(Character::isDigit) || s.length() > 12) return -1;
        long n = Long.parseLong(s) * unit;
        if (n < MIN || n > MAX || (n & 0xfff) != 0) return -1;
        return n;
    }
}
