package org.exoos.libposix.syscall;

import org.exoos.libposix.fd.HostFile;
import org.exoos.libposix.fd.OpenFile;
import org.exoos.libposix.fd.TtyDevice;
import org.exoos.libposix.fd.TtyFile;
import org.exoos.libposix.process.PosixProcess;
import org.exoos.libposix.signal.Signal;
import org.exoos.servers.protocol.Errno;
import org.exoos.servers.tty.Termios;
import org.exoos.servers.tty.TtyIoctl;
import org.exoos.servers.tty.WinSize;

/**
 * ioctl(2). The generic requests (FIOCLEX, FIONCLEX) work on any descriptor, as in do_vfs_ioctl; terminal
 * requests go to a terminal: a {@link TtyFile} (the tty server's line discipline; the session and process
 * group checks of tty_jobctrl.c are made here, where the processes are), or a host terminal a
 * {@link HostFile} stands for (TCGETS and TIOCGWINSZ, asked of the host). Every other request, and every
 * terminal request on a file that is not a terminal, is ENOTTY, as on Linux (including unknown requests to
 * a terminal: n_tty's -ENOIOCTLCMD becomes ENOTTY). A bad argument pointer is EFAULT.
 */
final class SysIoctl {
    private SysIoctl() {}

    static final int TCGETS = TtyIoctl.TCGETS, TIOCGWINSZ = TtyIoctl.TIOCGWINSZ;

    static void register(SyscallTable t) {
        t.addPartial("ioctl", "FIOCLEX/FIONCLEX, and on terminals: TCGETS, TCSETS(W/F), TIOCGWINSZ, TIOCSWINSZ,"
                + " TIOCGPGRP, TIOCSPGRP, TIOCGSID, TIOCSCTTY, TIOCNOTTY, FIONREAD, TIOCOUTQ, TCFLSH, TCXONC, TCSBRK,"
                + " FIONBIO (a host terminal: TCGETS and TIOCGWINSZ); others are ENOTTY", SysIoctl::ioctl);
    }

    static long ioctl(SyscallContext c) {
        int fd = c.argInt(0);
        OpenFile f = c.argFile(0);
        int request = c.argInt(1); // the kernel takes an unsigned int command
        long argp = c.arg(2);
        switch (request) {
            case TtyIoctl.FIOCLEX, TtyIoctl.FIONCLEX -> {
                c.process().fds().setCloseOnExec(fd, request == TtyIoctl.FIOCLEX);
                return 0;
            }
            default -> { }
        }
        if (f instanceof TtyFile tty) return terminal(c, tty, request, argp);
        return hostTerminal(c, f, request, argp);
    }

    /** A file that is no tty-server terminal: the host's answer for a host terminal, else ENOTTY. */
    private static long hostTerminal(SyscallContext c, OpenFile f, int request, long argp) {
        byte[] buf;
        long r;
        switch (request) {
            case TCGETS -> r = f.getTermios(buf = new byte[Termios.SIZE]);
            case TIOCGWINSZ -> r = f.getWindowSize(buf = new byte[WinSize.SIZE]);
            default -> { return -Errno.ENOTTY; }
        }
        if (r < 0) return r;
        c.copyOut(argp, buf);
        return 0;
    }

    private static long terminal(SyscallContext c, TtyFile tty, int request, long argp) {
        PosixProcess caller = c.process();
        TtyDevice device = tty.device();
        switch (request) {
            case TtyIoctl.TCGETS -> {
                byte[] termios = new byte[Termios.SIZE];
                long r = tty.getTermios(termios);
                if (r < 0) return r;
                c.copyOut(argp, termios);
                return 0;
            }
            case TtyIoctl.TCSETS, TtyIoctl.TCSETSW, TtyIoctl.TCSETSF -> {
                return tty.setTermios(request, c.copyIn(argp, Termios.SIZE));
            }
            case TtyIoctl.TIOCGWINSZ -> {
                byte[] winsize = new byte[WinSize.SIZE];
                long r = tty.getWindowSize(winsize);
                if (r < 0) return r;
                c.copyOut(argp, winsize);
                return 0;
            }
            case TtyIoctl.TIOCSWINSZ -> {
                return tty.setWindowSize(c.copyIn(argp, WinSize.SIZE));
            }
            case TtyIoctl.FIONREAD, TtyIoctl.TIOCOUTQ -> {
                return storeInt(c, argp, tty.ioctl(request, 0));
            }
            case TtyIoctl.TCFLSH, TtyIoctl.TCXONC -> {
                return tty.ioctl(request, (int) argp); // the argument is the value itself
            }
            case TtyIoctl.TCSBRK, TtyIoctl.TCSBRKP -> {
                // tcdrain: the server hands every write to the device before answering it, so the output is
                // drained already; tcsendbreak: a terminal without break_ctl (a pty) ignores it, as Linux does.
                return 0;
            }
            case TtyIoctl.FIONBIO -> {
                int on = readInt(c, argp);
                int now = (int) tty.statusFlags();
                return tty.setStatusFlags(on != 0 ? now | O_NONBLOCK : now & ~O_NONBLOCK);
            }
            case TtyIoctl.TIOCGPGRP -> {
                if (!device.controls(caller)) return -Errno.ENOTTY;
                return storeInt(c, argp, tty.ioctl(request, 0));
            }
            case TtyIoctl.TIOCSPGRP -> {
                if (!device.controls(caller)) return -Errno.ENOTTY;
                long background = device.checkChange(c.thread()); // a background caller gets SIGTTOU
                if (background != 0) return background;
                int group = readInt(c, argp);
                if (group < 0) return -Errno.EINVAL;
                // tiocspgrp: a group of the caller's session (ESRCH: no such group; EPERM: another session's)
                if (group != TtyDevice.processGroupOf(caller)) {
                    var tree = c.linux().processTree();
                    if (!tree.groupExists(group, 0)) return -Errno.ESRCH;
                    if (!tree.groupExists(group, caller.sid())) return -Errno.EPERM;
                }
                long r = tty.ioctl(request, group);
                if (r >= 0) device.noteForeground(group);
                return r;
            }
            case TtyIoctl.TIOCGSID -> {
                if (!device.controls(caller)) return -Errno.ENOTTY;
                return storeInt(c, argp, device.session());
            }
            case TtyIoctl.TIOCSCTTY -> {
                return setControlling(caller, tty, (int) argp);
            }
            case TtyIoctl.TIOCNOTTY -> {
                return dropControlling(caller, tty);
            }
            default -> {
                return -Errno.ENOTTY;
            }
        }
    }

    static final int O_NONBLOCK = 04000;

    /** TIOCSCTTY (tiocsctty): a session leader without a controlling terminal takes this one. */
    private static long setControlling(PosixProcess caller, TtyFile tty, int steal) {
        TtyDevice device = tty.device();
        if (device.controls(caller)) return 0;
        if (TtyDevice.sessionOf(caller) != caller.pid()) return -Errno.EPERM; // not a session leader
        if (device.session() != 0 && !(steal == 1 && caller.credentials().euid() == 0)) return -Errno.EPERM;
        if ((tty.statusFlags() & 03) == 1 && caller.credentials().euid() != 0) return -Errno.EPERM; // O_WRONLY
        return device.makeControlling(caller);
    }

    /**
     * TIOCNOTTY: the caller gives up its controlling terminal; a session leader's foreground group gets
     * SIGHUP and SIGCONT first, and the terminal is then nobody's (disassociate_ctty).
     */
    private static long dropControlling(PosixProcess caller, TtyFile tty) {
        TtyDevice device = tty.device();
        if (!device.controls(caller)) return -Errno.ENOTTY;
        if (TtyDevice.sessionOf(caller) == caller.pid()) {
            long foreground = tty.ioctl(TtyIoctl.TIOCGPGRP, 0);
            if (foreground > 0) {
                device.raise(Signal.SIGHUP, (int) foreground);
                device.raise(Signal.SIGCONT, (int) foreground);
            }
            device.clearSession();
            tty.ioctl(TtyIoctl.TIOCSPGRP, 0);
            device.deliverSignals(caller);
        }
        return 0;
    }

    /** A "get" result: -errno as it is, else the value stored at argp and 0. */
    private static long storeInt(SyscallContext c, long argp, long result) {
        if (result < 0) return result;
        c.writeInt(argp, (int) result);
        return 0;
    }

    private static int readInt(SyscallContext c, long argp) {
        byte[] b = c.copyIn(argp, 4);
        return (b[0] & 0xff) | (b[1] & 0xff) << 8 | (b[2] & 0xff) << 16 | (b[3] & 0xff) << 24;
    }
}
