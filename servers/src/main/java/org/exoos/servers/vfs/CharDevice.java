package org.exoos.servers.vfs;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * A character device driver: what reading and writing a character-device node does, chosen by the node's
 * st_rdev at open (as Linux's chrdev_open), wherever the node is. Drivers are attached to a
 * {@link CharDeviceRegistry}; opening a node whose number has no driver is ENXIO, as on Linux.
 * <p>
 * The vfs serves requests on one thread and waits for nothing, so a driver must not block: with no data yet,
 * a read returns -EAGAIN and the caller (the kernel side) waits on {@link #pollEvents} readiness, or, for a
 * blocking descriptor, parks the calling thread and retries. The tty server attaches its driver for 5:0 and
 * 5:1 through this interface.
 * <p>
 * Device files are streams: the vfs keeps their offset at 0. lseek on a {@link #seekable} device returns 0
 * (as /dev/null and /dev/zero do), on another ESPIPE; so does pread and pwrite.
 */
public interface CharDevice {
    /** A node of this device was opened ({@code file.flags()} has the access mode and O_NONBLOCK). */
    default int open(OpenFile file) {
        return 0;
    }

    /** The last reference to an open file of this device went away. */
    default void release(OpenFile file) {
    }

    /** Bytes read (0 at end of file), -EAGAIN when nothing is there yet, or another error. */
    long read(OpenFile file, MutableDirectBuffer dst, int dstOffset, int length);

    /** Bytes written, -EAGAIN when nothing can be taken yet, or another error. */
    long write(OpenFile file, DirectBuffer src, int srcOffset, int length);

    /** Whether lseek, pread and pwrite are allowed (they read and write as at offset 0). */
    default boolean seekable() {
        return false;
    }

    /** The poll(2) events ready now ({@link PollEvents}). */
    default int pollEvents(OpenFile file) {
        return PollEvents.DEFAULT_POLLMASK;
    }
}
