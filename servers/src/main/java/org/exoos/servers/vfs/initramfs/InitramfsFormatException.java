package org.exoos.servers.vfs.initramfs;

import java.io.IOException;

/** The archive cannot be unpacked: it says which archive, at which byte offset, and what is wrong. */
public final class InitramfsFormatException extends IOException {
    public InitramfsFormatException(String archive, long offset, String what) {
        super("initramfs " + archive + ": at offset " + offset + ": " + what);
    }
}
