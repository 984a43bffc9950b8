package org.exoos.libposix.mm;

import org.exoos.libposix.fd.FileStat;
import org.exoos.libposix.fd.VfsFile;
import org.exoos.microkernel.mm.FrameAllocator;

import java.util.Collections;
import java.util.HashMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * The kernel's cache of mapped file pages: one {@link SharedFile} per mapped file (by device and inode
 * number, so every open of the file finds the same pages), one cache per machine (per frame allocator).
 *
 * <p>A file is in the cache while some area maps it or some page of it is mapped; after that its dirty pages
 * have been written back to the vfs server and it is forgotten, so a later mmap reads the file afresh.
 * One lock, this object's, guards every file of the cache: pages are filled and written back under it
 * (vfs requests, made while faulting threads of other files wait: simple, and mappings are few).
 */
public final class PageCache {
    private static final Map<FrameAllocator, PageCache> BY_ALLOCATOR = Collections.synchronizedMap(new WeakHashMap<>());

    private final FrameAllocator frames;
    private final Map<FileKey, SharedFile> files = new HashMap<>();

    /** A mapped file's identity. */
    record FileKey(long dev, long ino) {}

    private PageCache(FrameAllocator frames) { this.frames = frames; }

    /** The cache of the machine whose frames come from this allocator. */
    public static PageCache of(FrameAllocator frames) {
        return BY_ALLOCATOR.computeIfAbsent(frames, PageCache::new);
    }

    FrameAllocator frames() { return frames; }

    /**
     * The cached file behind an open file, held for the caller (who passes it to a new area and then calls
     * {@link SharedFile#detach}); null when the vfs server refused to keep the file open.
     *
     * @param writeBack the caller maps it shared and writable: the file keeps this open file to write pages back
     */
    public synchronized SharedFile open(VfsFile file, FileStat st, boolean writeBack) {
        FileKey key = new FileKey(st.dev, st.ino);
        SharedFile f = files.get(key);
        if (f == null) {
            if (file.client().retain(file.handle()) < 0) return null;
            f = new SharedFile(this, key, file.client(), file.handle());
            files.put(key, f);
        }
        if (writeBack && !f.canWriteBack()) {
            if (file.client().retain(file.handle()) < 0) return null;
            f.setWriteHandle(file.handle());
        }
        f.attach();
        return f;
    }

    /** The cached file with this identity, or null when no mapping holds it. */
    public synchronized SharedFile find(long dev, long ino) { return files.get(new FileKey(dev, ino)); }

    /** Called by a file that nothing holds any longer, under this cache's lock. */
    void forget(SharedFile f) { files.remove(f.key(), f); }

    /**
     * sync(2) and syncfs(2): writes back the possibly dirty pages of every cached file (of file system
     * {@code dev} only, unless it is -1). The kernel's dirty data is only here: file writes go to the vfs server
     * at once. Returns 0, or the first negated errno a write-back met.
     */
    public long syncAll(long dev) {
        List<SharedFile> cached;
        synchronized (this) {
            cached = new ArrayList<>(files.values());
        }
        long first = 0;
        for (SharedFile f : cached) {
            if (dev != -1 && f.key().dev() != dev) continue;
            long r = f.sync(0, Long.MAX_VALUE);
            if (r < 0 && first == 0) first = r;
        }
        return first;
    }

    /** Frames holding cached file pages (for /proc/meminfo's Cached and Shmem lines). */
    public synchronized long cachedPages() {
        long n = 0;
        for (SharedFile f : files.values()) n += f.residentPages();
        return n;
    }

    /** Total cached file pages of every machine's cache held for this allocator's frames: 0 without a cache. */
    public static long cachedPages(FrameAllocator frames) {
        PageCache c = BY_ALLOCATOR.get(frames);
        return c == null ? 0 : c.cachedPages();
    }
}
