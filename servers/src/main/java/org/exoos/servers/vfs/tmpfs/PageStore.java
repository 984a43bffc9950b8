package org.exoos.servers.vfs.tmpfs;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.collections.Long2ObjectHashMap;

import java.util.Arrays;

/**
 * The data of a tmpfs file: 4 KiB pages by page index, only those ever written. A page never written is a
 * hole and reads as zeros; SEEK_DATA and SEEK_HOLE see holes at page granularity, as on Linux's tmpfs.
 * The page index is the offset shifted right by 12, so any offset up to Long.MAX_VALUE has a page.
 */
final class PageStore {
    static final int PAGE_SHIFT = 12;
    static final int PAGE_SIZE = 1 << PAGE_SHIFT;
    static final long PAGE_MASK = PAGE_SIZE - 1;

    private final Long2ObjectHashMap<byte[]> pages = new Long2ObjectHashMap<>();

    int count() {
        return pages.size();
    }

    byte[] get(long index) {
        return pages.get(index);
    }

    void put(long index, byte[] page) {
        pages.put(index, page);
    }

    /** Copies {@code length} bytes from {@code position} (all within the file's size) into {@code dst}. */
    void read(long position, MutableDirectBuffer dst, int dstOffset, int length) {
        int done = 0;
        while (done < length) {
            long at = position + done;
            int inPage = (int) (at & PAGE_MASK);
            int chunk = Math.min(length - done, PAGE_SIZE - inPage);
            byte[] page = pages.get(at >>> PAGE_SHIFT);
            if (page == null) {
                dst.setMemory(dstOffset + done, chunk, (byte) 0);
            } else {
                dst.putBytes(dstOffset + done, page, inPage, chunk);
            }
            done += chunk;
        }
    }

    /** Copies into an existing page. */
    static void write(byte[] page, int inPage, DirectBuffer src, int srcOffset, int length) {
        src.getBytes(srcOffset, page, inPage, length);
    }

    /**
     * Cuts the data to {@code size}: drops every page wholly past it and zeros the rest of the page it ends
     * in, so that growing the file later reads zeros there. Returns how many pages were dropped.
     */
    int truncate(long size) {
        long firstDropped = (size + PAGE_MASK) >>> PAGE_SHIFT;
        int dropped = 0;
        if (!pages.isEmpty()) {
            long[] doomed = new long[pages.size()];
            int n = 0;
            for (Long2ObjectHashMap<byte[]>.KeyIterator it = pages.keySet().iterator(); it.hasNext(); ) {
                long index = it.nextLong();
                if (index >= firstDropped) {
                    doomed[n++] = index;
                }
            }
            for (int i = 0; i < n; i++) {
                pages.remove(doomed[i]);
            }
            dropped = n;
        }
        int tail = (int) (size & PAGE_MASK);
        if (tail != 0) {
            byte[] last = pages.get(size >>> PAGE_SHIFT);
            if (last != null) {
                Arrays.fill(last, tail, PAGE_SIZE, (byte) 0);
            }
        }
        return dropped;
    }

    /** Drops every page; returns how many there were. */
    int clear() {
        int n = pages.size();
        pages.clear();
        return n;
    }

    /** The first page index in [from, end) that holds data, or -1. */
    long nextData(long from, long end) {
        if (end - from > pages.size()) {
            long best = -1;
            for (Long2ObjectHashMap<byte[]>.KeyIterator it = pages.keySet().iterator(); it.hasNext(); ) {
                long index = it.nextLong();
                if (index >= from && index < end && (best < 0 || index < best)) {
                    best = index;
                }
            }
            return best;
        }
        for (long i = from; i < end; i++) {
            if (pages.containsKey(i)) {
                return i;
            }
        }
        return -1;
    }

    /** The first page index at or after {@code from} that is a hole. */
    long nextHole(long from) {
        long i = from;
        while (pages.containsKey(i)) {
            i++;
        }
        return i;
    }
}
