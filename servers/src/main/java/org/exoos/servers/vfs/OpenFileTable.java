package org.exoos.servers.vfs;

import java.util.Arrays;

/**
 * Open files by handle: the numbers that name them on the wire. A handle is the slot index in its low 32
 * bits and the slot's generation in the 31 bits above, so a handle kept after its file was closed (or a
 * forged one) names nothing even when the slot is reused: {@link #get} returns null and the vfs answers
 * EBADF. Handles are never negative.
 */
public final class OpenFileTable {
    private OpenFile[] files = new OpenFile[64];
    private int[] generations = new int[64];
    private int[] freeSlots = new int[64];
    private int freeCount;
    private int used;
    private int open;

    /** Stores {@code file} and returns its new handle. */
    public long add(OpenFile file) {
        int slot;
        if (freeCount > 0) {
            slot = freeSlots[--freeCount];
        } else {
            if (used == files.length) {
                int size = files.length * 2;
                files = Arrays.copyOf(files, size);
                generations = Arrays.copyOf(generations, size);
                freeSlots = Arrays.copyOf(freeSlots, size);
            }
            slot = used++;
        }
        int generation = (generations[slot] + 1) & 0x7fffffff;
        if (generation == 0) {
            generation = 1;
        }
        generations[slot] = generation;
        files[slot] = file;
        open++;
        return ((long) generation << 32) | slot;
    }

    /** The open file of {@code handle}, or null if the handle names none. */
    public OpenFile get(long handle) {
        if (handle < 0) {
            return null;
        }
        int slot = (int) handle;
        if (slot < 0 || slot >= used || generations[slot] != (int) (handle >>> 32)) {
            return null;
        }
        return files[slot];
    }

    /** Forgets {@code handle}; returns the file it named, or null. */
    public OpenFile remove(long handle) {
        OpenFile file = get(handle);
        if (file != null) {
            int slot = (int) handle;
            files[slot] = null;
            freeSlots[freeCount++] = slot;
            open--;
        }
        return file;
    }

    /** How many handles are open. */
    public int size() {
        return open;
    }
}
