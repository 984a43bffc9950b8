package org.exoos.servers.vfs.tmpfs;

import java.util.HashMap;
import java.util.TreeMap;

/**
 * A tmpfs directory: entries by name, and by position for readdir. Each entry gets the next position of
 * its directory when it is linked (positions 0 and 1 are "." and ".."), so a listing resumed from a d_off
 * cookie neither repeats nor skips an entry that survives, whatever was unlinked or created meanwhile; a
 * renamed entry gets a new position, as with Linux's stable directory offsets.
 */
final class TmpfsDirectory extends TmpfsInode {
    /** Linux tmpfs counts 20 bytes of size per entry, and two for "." and "..". */
    static final int BOGO_DIRENT_SIZE = 20;
    static final long FIRST_ENTRY_POSITION = 2;

    final HashMap<String, Entry> byName = new HashMap<>();
    final TreeMap<Long, Entry> byPosition = new TreeMap<>();
    long nextPosition = FIRST_ENTRY_POSITION;
    TmpfsDirectory parent;
    String name;

    static final class Entry {
        final String name;
        final TmpfsInode inode;
        final long position;

        Entry(String name, TmpfsInode inode, long position) {
            this.name = name;
            this.inode = inode;
            this.position = position;
        }
    }

    TmpfsDirectory(Tmpfs fs, long ino, int mode, int uid, int gid, long now, TmpfsDirectory parent, String name) {
        super(fs, ino, mode, uid, gid, 2, now);
        this.parent = parent == null ? this : parent;
        this.name = name;
    }

    /** Removed by rmdir (or replaced by rename): no entries, and nothing may be created in it. */
    boolean isDead() {
        return nlink == 0;
    }

    Entry add(String entryName, TmpfsInode inode) {
        Entry e = new Entry(entryName, inode, nextPosition++);
        byName.put(entryName, e);
        byPosition.put(e.position, e);
        return e;
    }

    Entry remove(String entryName) {
        Entry e = byName.remove(entryName);
        if (e != null) {
            byPosition.remove(e.position);
        }
        return e;
    }

    @Override
    long size() {
        return (long) (byName.size() + 2) * BOGO_DIRENT_SIZE;
    }
}
