package org.exoos.servers.vfs.devfs;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.exoos.servers.vfs.CharDevice;
import org.exoos.servers.vfs.OpenFile;
import org.exoos.servers.protocol.Errno;

/** /dev/full (1:7): reads fill with zeros, every write fails with ENOSPC. */
public final class FullDevice implements CharDevice {
    @Override
    public long read(OpenFile file, MutableDirectBuffer dst, int dstOffset, int length) {
        dst.setMemory(dstOffset, length, (byte) 0);
        return length;
    }

    @Override
    public long write(OpenFile file, DirectBuffer src, int srcOffset, int length) {
        return -Errno.ENOSPC;
    }

    @Override
    public boolean seekable() {
        return true;
    }
}
