package org.exoos.servers.vfs.procfs;

/**
 * One line of /proc/[pid]/maps, filled in place by {@link ProcessInfoSource#mapping}: an address range, its
 * protection, whether it is shared, and the file behind it (device, inode, offset in bytes, path) or a
 * pseudo-name such as "[heap]", "[stack]" or "[vdso]", or no name for anonymous memory.
 */
public final class MemoryMapping {
    public long start;
    public long end;
    public boolean read;
    public boolean write;
    public boolean execute;
    public boolean shared;
    public long offset;
    public int devMajor;
    public int devMinor;
    public long inode;
    /** The path or pseudo-name; null or empty for an anonymous mapping. */
    public String name;

    public MemoryMapping clear() {
        start = end = offset = inode = 0;
        read = write = execute = shared = false;
        devMajor = devMinor = 0;
        name = null;
        return this;
    }

    /** Sets the range and protection from "rwxp"-style text, as Linux prints it. */
    public MemoryMapping set(long start, long end, String perms, long offset, String name) {
        clear();
        this.start = start;
        this.end = end;
        this.read = perms.charAt(0) == 'r';
        this.write = perms.charAt(1) == 'w';
        this.execute = perms.charAt(2) == 'x';
        this.shared = perms.charAt(3) == 's';
        this.offset = offset;
        this.name = name;
        return this;
    }
}
