package org.exoos.libposix.mm;

import org.agrona.collections.Long2LongHashMap;
import org.agrona.collections.LongHashSet;
import org.agrona.concurrent.UnsafeBuffer;
import org.exoos.hal.mem.PhysicalMemory;
import org.exoos.libposix.fd.FileStat;
import org.exoos.libposix.fd.VfsFile;
import org.exoos.microkernel.mm.FrameAllocator;
import org.exoos.microkernel.mm.Pager;
import org.exoos.servers.vfs.service.VfsClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cached pages of one mapped file, the {@link Pager} of every area (in any process) that maps it.
 *
 * <p>A page is read from the vfs server on its first {@link #map} and then lives in one frame that every
 * shared mapping maps, so a store through one mapping is seen at once through all others. The cache holds
 * one allocator reference to the frame and each mapping one more; when the last mapping lets go (munmap,
 * exit, exec) the page is written back if it may be dirty and the frame is freed. Dirty means "was mapped
 * writable into a shared area": stores do not set the PTE dirty bit here (it is preset), so such a page is
 * written back on every {@link #sync} (msync, fsync) and at eviction, whether or not it changed.
 *
 * <p>Write-back writes no byte at or past the end of the file (a mapping does not extend a file, as in Linux).
 * All state is guarded by the owning {@link PageCache}'s lock.
 */
public final class SharedFile implements Pager {
    private static final Logger log = LoggerFactory.getLogger(SharedFile.class);
    private static final int PAGE_SIZE = PhysicalMemory.PAGE_SIZE;
    private static final long NONE = -1;

    private final PageCache cache;
    private final PageCache.FileKey key;
    private final FrameAllocator frames;
    private final PhysicalMemory memory;
    private final VfsClient vfs;
    /** An open file (our own reference) to read pages through. */
    private final long readHandle;
    /** An open file opened for writing (our own reference), or NONE while only read-only mappers came. */
    private long writeHandle = NONE;
    private final Long2LongHashMap pages = new Long2LongHashMap(NONE);
    private final LongHashSet dirty = new LongHashSet();
    /** Areas naming this file, in every address space, plus holds of callers of {@link PageCache#open}. */
    private int areas;
    private final byte[] scratch = new byte[PAGE_SIZE];
    private final UnsafeBuffer scratchView = new UnsafeBuffer(scratch);
    private final UnsafeBuffer statView = new UnsafeBuffer(new byte[256]);
    private final FileStat stat = new FileStat();
    /** The file's size when last asked: pages below it exist; one at or past it makes us ask again. */
    private long knownSize = -1;

    SharedFile(PageCache cache, PageCache.FileKey key, VfsClient vfs, long readHandle) {
        this.cache = cache;
        this.key = key;
        this.frames = cache.frames();
        this.memory = frames.memory();
        this.vfs = vfs;
        this.readHandle = readHandle;
    }

    PageCache.FileKey key() { return key; }

    boolean canWriteBack() { return writeHandle != NONE; }

    void setWriteHandle(long handle) { writeHandle = handle; }

    long residentPages() { return pages.size(); }

    @Override
    public long map(long pageIndex, boolean writable) {
        synchronized (cache) {
            long pa = pages.get(pageIndex);
            if (pa == NONE) {
                long beyond = pastEnd(pageIndex);
                if (beyond != 0) return beyond;
                pa = frames.allocate();
                if (pa == FrameAllocator.NO_FRAME) return FrameAllocator.NO_FRAME;
                long r = fill(pageIndex, pa);
                if (r < 0) {
                    log.warn("{}: page {} not read: errno {}", this, pageIndex, -r);
                    frames.release(pa);
                    return FrameAllocator.NO_FRAME;
                }
                pages.put(pageIndex, pa);
            }
            frames.retain(pa);
            if (writable) dirty.add(pageIndex);
            return pa;
        }
    }

    @Override
    public void unmap(long pageIndex, long pa) {
        synchronized (cache) {
            frames.release(pa);
            if (frames.refCount(pa) == 1 && pages.get(pageIndex) == pa) { // only the cache holds it: evict
                if (dirty.remove(pageIndex)) {
                    long r = writeBack(pageIndex, pa);
                    if (r < 0) log.warn("{}: page {} not written back: errno {}", this, pageIndex, -r);
                }
                pages.remove(pageIndex);
                frames.release(pa);
                forgetIfUnused();
            }
        }
    }

    @Override
    public void attach() {
        synchronized (cache) { areas++; }
    }

    @Override
    public void detach() {
        synchronized (cache) {
            areas--;
            forgetIfUnused();
        }
    }

    /**
     * Writes the possibly dirty pages in [fromPage, toPage) back to the file (msync, fsync).
     *
     * @return 0, or the first negated errno the vfs server answered
     */
    public long sync(long fromPage, long toPage) {
        synchronized (cache) {
            long first = 0;
            for (LongHashSet.LongIterator it = dirty.iterator(); it.hasNext(); ) {
                long index = it.nextValue();
                if (index < fromPage || index >= toPage) continue;
                long r = writeBack(index, pages.get(index));
                if (r < 0 && first == 0) first = r;
            }
            return first;
        }
    }

    /**
     * 0 when page pageIndex holds at least one byte of the file; {@link Pager#BEYOND_END} when it starts at or
     * past the end (Linux raises SIGBUS there); NO_FRAME when the size cannot be learnt. The vfs is asked only
     * for pages past the size last seen, since the file may have grown meanwhile.
     */
    private long pastEnd(long pageIndex) {
        long start = pageIndex * PAGE_SIZE;
        if (start < knownSize) return 0;
        int r = vfs.fstat(readHandle, statView, 0);
        if (r < 0) {
            log.warn("{}: size not known: errno {}", this, -r);
            return FrameAllocator.NO_FRAME;
        }
        VfsFile.decodeStat(statView, 0, stat);
        knownSize = stat.size;
        return start < knownSize ? 0 : BEYOND_END;
    }

    /** Reads page pageIndex of the file into the zeroed frame pa; a short file leaves the rest zero. */
    private long fill(long pageIndex, long pa) {
        long position = pageIndex * PAGE_SIZE;
        int done = 0;
        while (done < PAGE_SIZE) {
            long n = vfs.pread(readHandle, position + done, scratchView, done, PAGE_SIZE - done);
            if (n < 0) return n;
            if (n == 0) break;
            done += (int) n;
        }
        if (done > 0) memory.write(pa, scratch, 0, done);
        return 0;
    }

    /** Writes page pageIndex (frame pa) to the file, none of it at or past the file's end. */
    private long writeBack(long pageIndex, long pa) {
        if (writeHandle == NONE || pa == NONE) return 0; // never mapped writable
        int r = vfs.fstat(writeHandle, statView, 0);
        if (r < 0) return r;
        VfsFile.decodeStat(statView, 0, stat);
        long position = pageIndex * PAGE_SIZE;
        if (position >= stat.size) return 0;
        int length = (int) Math.min(PAGE_SIZE, stat.size - position);
        memory.read(pa, scratch, 0, length);
        int done = 0;
        while (done < length) {
            long n = vfs.pwrite(writeHandle, position + done, scratchView, done, length - done);
            if (n < 0) return n;
            if (n == 0) return -org.exoos.servers.protocol.Errno.EIO;
            done += (int) n;
        }
        return 0;
    }

    private void forgetIfUnused() {
        if (areas > 0 || !pages.isEmpty()) return;
        cache.forget(this);
        vfs.close(readHandle);
        if (writeHandle != NONE) vfs.close(writeHandle);
        writeHandle = NONE;
    }

    @Override
    public String toString() { return "mapped file " + key.dev() + ":" + key.ino(); }
}
