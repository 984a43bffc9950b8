package org.exoos.libposix.fd;

import org.exoos.servers.protocol.Errno;
import org.exoos.libposix.host.HostLibc;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * A host file descriptor used as a guest file: reads and writes go straight between the host fd and guest
 * RAM (readv/writev on the RAM slices, no copy), fstat and the terminal ioctls ask the host. The host fd
 * belongs to the JVM process (stdin/stdout/stderr), so closing the guest fd leaves it open.
 */
public final class HostFile implements OpenFile {
    /** Kernel ioctl numbers, the same on the host (x86-64, aarch64) as on riscv64: asm-generic/ioctls.h. */
    public static final int TCGETS = 0x5401, TIOCGWINSZ = 0x5413;
    public static final int TERMIOS_SIZE = 36, WINSIZE_SIZE = 8;

    private final int fd;
    private final boolean terminal;

    public HostFile(int hostFd) {
        this.fd = hostFd;
        this.terminal = HostLibc.isatty(hostFd);
    }

    public int hostFd() { return fd; }

    @Override
    public long read(MemorySegment[] buffers) { return HostLibc.readv(fd, buffers); }

    @Override
    public long write(MemorySegment[] buffers) { return HostLibc.writev(fd, buffers); }

    /** The host's F_GETFL (the flag values are the same generic ones on riscv64). */
    @Override
    public long statusFlags() { return HostLibc.fcntlGetfl(fd); }

    @Override
    public long seek(long offset, int whence) { return HostLibc.lseek(fd, offset, whence); }

    @Override
    public boolean isTerminal() { return terminal; }

    @Override
    public long getTermios(byte[] termios) { return hostIoctl(TCGETS, termios, TERMIOS_SIZE); }

    @Override
    public long getWindowSize(byte[] winsize) { return hostIoctl(TIOCGWINSZ, winsize, WINSIZE_SIZE); }

    private long hostIoctl(int request, byte[] out, int size) {
        if (!terminal) return -Errno.ENOTTY;
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment buf = arena.allocate(64, 8); // room beyond the struct, in case the host's is larger
            int r = HostLibc.ioctl(fd, request, buf);
            if (r < 0) return r;
            MemorySegment.copy(buf, ValueLayout.JAVA_BYTE, 0, out, 0, size);
            return 0;
        }
    }

    @Override
    public long stat(FileStat out) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment sx = arena.allocate(HostLibc.STATX_SIZE, 8);
            int r = HostLibc.fstatx(fd, sx);
            if (r < 0) return r;
            // struct statx (linux/stat.h), native byte order.
            out.blksize = sx.get(ValueLayout.JAVA_INT, 4);
            out.nlink = sx.get(ValueLayout.JAVA_INT, 16);
            out.uid = sx.get(ValueLayout.JAVA_INT, 20);
            out.gid = sx.get(ValueLayout.JAVA_INT, 24);
            out.mode = Short.toUnsignedInt(sx.get(ValueLayout.JAVA_SHORT, 28));
            out.ino = sx.get(ValueLayout.JAVA_LONG, 32);
            out.size = sx.get(ValueLayout.JAVA_LONG, 40);
            out.blocks = sx.get(ValueLayout.JAVA_LONG, 48);
            out.atimeSec = sx.get(ValueLayout.JAVA_LONG, 64);
            out.atimeNsec = Integer.toUnsignedLong(sx.get(ValueLayout.JAVA_INT, 72));
            out.ctimeSec = sx.get(ValueLayout.JAVA_LONG, 96);
            out.ctimeNsec = Integer.toUnsignedLong(sx.get(ValueLayout.JAVA_INT, 104));
            out.mtimeSec = sx.get(ValueLayout.JAVA_LONG, 112);
            out.mtimeNsec = Integer.toUnsignedLong(sx.get(ValueLayout.JAVA_INT, 120));
            out.rdev = FileStat.makedev(Integer.toUnsignedLong(sx.get(ValueLayout.JAVA_INT, 128)),
                    Integer.toUnsignedLong(sx.get(ValueLayout.JAVA_INT, 132)));
            out.dev = FileStat.makedev(Integer.toUnsignedLong(sx.get(ValueLayout.JAVA_INT, 136)),
                    Integer.toUnsignedLong(sx.get(ValueLayout.JAVA_INT, 140)));
            return 0;
        }
    }

    @Override
    public String toString() { return "host fd " + fd + (terminal ? " (terminal)" : ""); }
}
