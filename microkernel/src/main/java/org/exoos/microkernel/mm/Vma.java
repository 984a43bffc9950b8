package org.exoos.microkernel.mm;

/**
 * A virtual memory area: the page-aligned range [start, end) of an address space with one protection and
 * one kind. Pages inside a VMA may be absent from the page table until first touched (demand-zero).
 *
 * @param prot  {@link #READ} | {@link #WRITE} | {@link #EXEC}, or 0 for an inaccessible reservation
 * @param flags {@link #GROWS_DOWN}, {@link #SHARED}, {@link #NO_SHARED_WRITE}, {@link #DONT_FORK}
 * @param name  what /proc/PID/maps shows: a path, "[heap]", "[stack]", or "" for anonymous memory
 * @param pager where a file-backed area's pages come from, or null for anonymous memory
 * @param pageOffset the file page mapped at {@code start} (0 for anonymous memory)
 */
public record Vma(long start, long end, int prot, int flags, String name, Pager pager, long pageOffset) {
    public static final int READ = 1, WRITE = 2, EXEC = 4;
    /** A stack: grows toward lower addresses. */
    public static final int GROWS_DOWN = 1;
    /** Shared with other address spaces that map it (survives fork shared, later). */
    public static final int SHARED = 2;
    /** A shared file area whose file was not opened for writing: mprotect may not make it writable (EACCES). */
    public static final int NO_SHARED_WRITE = 4;
    /** Left out of a forked child (madvise MADV_DONTFORK). */
    public static final int DONT_FORK = 8;

    public Vma {
        if (start >= end || ((start | end) & 0xFFF) != 0) {
            throw new IllegalArgumentException("bad VMA range 0x" + Long.toHexString(start) + "-0x" + Long.toHexString(end));
        }
    }

    /** An anonymous area. */
    public Vma(long start, long end, int prot, int flags, String name) { this(start, end, prot, flags, name, null, 0); }

    /** The file page behind va (file-backed areas). */
    public long pageIndexOf(long va) { return pageOffset + ((va - start) >>> 12); }

    void attachPager() { if (pager != null) pager.attach(); }

    void detachPager() { if (pager != null) pager.detach(); }

    /** True when the area maps a pager's frames themselves (a shared file mapping). */
    public boolean mapsPagerFrames() { return pager != null && (flags & SHARED) != 0; }

    public long length() { return end - start; }

    public boolean contains(long va) { return va >= start && va < end; }

    public boolean overlaps(long from, long to) { return start < to && from < end; }

    public boolean allows(int access) { return (prot & access) == access; }

    /** The same area cut to [from, to). */
    public Vma slice(long from, long to) {
        long s = Math.max(from, start);
        return new Vma(s, Math.min(to, end), prot, flags, name, pager, pager == null ? 0 : pageIndexOf(s));
    }

    public Vma withProt(int newProt) { return new Vma(start, end, newProt, flags, name, pager, pageOffset); }

    public Vma withFlags(int newFlags) { return new Vma(start, end, prot, newFlags, name, pager, pageOffset); }

    /** The same area at another address (mremap), still mapping the same file pages. */
    public Vma movedBy(long delta) { return new Vma(start + delta, end + delta, prot, flags, name, pager, pageOffset); }

    /** The area extended (or cut) to end at newEnd. */
    public Vma withEnd(long newEnd) { return new Vma(start, newEnd, prot, flags, name, pager, pageOffset); }

    /** True when other continues this area seamlessly, so the two can be one VMA. */
    public boolean mergeableWith(Vma other) {
        return end == other.start && prot == other.prot && flags == other.flags && name.equals(other.name)
                && pager == other.pager && (pager == null || other.pageOffset == pageIndexOf(end));
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
