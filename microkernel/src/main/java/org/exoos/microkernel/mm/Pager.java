package org.exoos.microkernel.mm;

/**
 * The source of the pages of a file-backed {@link Vma}: a page cache keyed by the file, outside the microkernel.
 *
 * <p>A {@link Vma#SHARED} area maps the pager's frames themselves, so every address space mapping the same
 * page sees the same bytes; a private area copies a page at its first touch. Each leaf a shared area maps
 * holds one allocator reference to the frame ({@link FrameAllocator#retain}), taken by {@link #map} and given
 * back through {@link #unmap}, which lets the pager write a page back and evict it once nothing maps it.
 *
 * <p>{@link #attach}/{@link #detach} count the VMAs (in every address space) that name this pager, so it
 * can keep the file open while any area may still fault and let go of it afterwards. Calls come with the
 * address space's lock held: a pager must never call back into an address space.
 */
public interface Pager {
    /** What {@link #map} answers for a page that starts at or past the file's end. */
    long BEYOND_END = -2;

    /**
     * The frame holding page pageIndex of the file (filled on first use), with one more allocator reference
     * for the caller; {@link FrameAllocator#NO_FRAME} when no frame is left or the file cannot be read;
     * {@link #BEYOND_END} when the page lies wholly past the file's end.
     *
     * @param writable the page is being mapped writable into a shared area (so it may become dirty)
     */
    long map(long pageIndex, boolean writable);

    /** A mapping let go of the frame pa it had from {@link #map} for pageIndex. */
    void unmap(long pageIndex, long pa);

    /** One more VMA names this pager. */
    void attach();

    /** A VMA naming this pager is gone. */
    void detach();
}
