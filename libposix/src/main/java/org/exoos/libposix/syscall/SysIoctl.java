package org.exoos.libposix.syscall;

import org.exoos.servers.protocol.Errno;
import org.exoos.libposix.fd.HostFile;
import org.exoos.libposix.fd.OpenFile;

/** ioctl(2): the terminal queries C libraries make at startup (isatty, the window size). */
final class SysIoctl {
    private SysIoctl() {}

    static final int TCGETS = HostFile.TCGETS, TIOCGWINSZ = HostFile.TIOCGWINSZ;

    static void register(SyscallTable t) {
        t.addPartial("ioctl", "TCGETS and TIOCGWINSZ only; other requests are ENOTTY", SysIoctl::ioctl);
    }

    static long ioctl(SyscallContext c) {
        OpenFile f = c.argFile(0);
        int request = c.argInt(1); // the kernel takes an unsigned int command
        byte[] buf;
        long r;
        switch (request) {
            case TCGETS -> r = f.getTermios(buf = new byte[HostFile.TERMIOS_SIZE]);
            case TIOCGWINSZ -> r = f.getWindowSize(buf = new byte[HostFile.WINSIZE_SIZE]);
            default -> { return -Errno.ENOTTY; }
        }
        if (r < 0) return r;
        c.copyOut(c.arg(2), buf);
        return 0;
    }
}
