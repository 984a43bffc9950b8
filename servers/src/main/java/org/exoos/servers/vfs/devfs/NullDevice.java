package org.exoos.servers.vfs.devfs;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.exoos.servers.vfs.CharDevice;
import org.exoos.servers.vfs.OpenFile;

/** /dev/null (1:3): reads are at end of file, writes vanish and succeed. */
public final class NullDevice implements CharDevice {
    @Override
    public long read(OpenFile file, MutableDirectBuffer dst, int dstOffset, int length) {
        return 0;
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
