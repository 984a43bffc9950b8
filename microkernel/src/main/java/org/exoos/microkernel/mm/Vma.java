package org.exoos.microkernel.mm;

/**
 * A virtual memory area: the page-aligned range [start, end) of an address space with one protection and
 * one kind. Pages inside a VMA may be absent from the page table until first touched (demand-zero).
 *
 * @param prot  {@link #READ} | {@link #WRITE} | {@link #EXEC}, or 0 for an inaccessible reservation
 * @param flags {@link #GROWS_DOWN}, {@link #SHARED}
 * @param name  what /proc/PID/maps shows: a path, "[heap]", "[stack]", or "" for anonymous memory
 */
public record Vma(long start, long end, int prot, int flags, String name) {
    public static final int READ = 1, WRITE = 2, EXEC = 4;
    /** A stack: grows toward lower addresses. */
    public static final int GROWS_DOWN = 1;
    /** Shared with other address spaces that map it (survives fork shared, later). */
    public static final int SHARED = 2;

    public Vma {
        if (start >= end || ((start | end) & 0xFFF) != 0) {
            throw new IllegalArgumentException("bad VMA range 0x" + Long.toHexString(start) + "-0x" + Long.toHexString(end));
        }
    }

    public long length() { return end - start; }

    public boolean contains(long va) { return va >= start && va < end; }

    public boolean overlaps(long from, long to) { return start < to && from < end; }

    public boolean allows(int access) { return (prot & access) == access; }

    /** The same area cut to [from, to). */
    public Vma slice(long from, long to) { return new Vma(Math.max(from, start), Math.min(to, end), prot, flags, name); }

    public Vma withProt(int newProt) { return new Vma(start, end, newProt, flags, name); }

    /** True when other continues this area seamlessly, so the two can be one VMA. */
    public boolean mergeableWith(Vma other) {
        return end == other.start && prot == other.prot && flags == other.flags && name.equals(other.name);
    }

    /** The r/w/x/p letters of /proc/PID/maps. */
    public String permissions() {
        return ((prot & READ) != 0 ? "r" : "-") + ((prot & WRITE) != 0 ? "w" : "-")
                + ((prot & EXEC) != 0 ? "x" : "-") + ((flags & SHARED) != 0 ? "s" : "p");
    }

    @Override
    public String toString() {
        return String.format("%012x-%012x %s %s", start, end, permissions(), name);
    }
}
