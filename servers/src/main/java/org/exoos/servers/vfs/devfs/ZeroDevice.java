package org.exoos.servers.vfs.devfs;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.exoos.servers.vfs.CharDevice;
import org.exoos.servers.vfs.OpenFile;

/** /dev/zero (1:5): reads fill with zeros, writes vanish and succeed. */
public final class ZeroDevice implements CharDevice {
    @Override
    public long read(OpenFile file, MutableDirectBuffer dst, int dstOffset, int length) {
        dst.setMemory(dstOffset, length, (byte) 0);
        return length;
    }

    @Override
    public long write(OpenFile file, DirectBuffer src, int srcOffset, int length) {
        return length;
    }

    @Override
    public boolean seekable() {
        return true;
    }
}
