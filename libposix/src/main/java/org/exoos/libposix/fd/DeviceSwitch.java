package org.exoos.libposix.fd;

import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.exoos.libposix.process.PosixProcess;
import org.exoos.libposix.process.ProcessTree;
import org.exoos.servers.vfs.Credentials;
import org.exoos.servers.vfs.OpenFlags;
import org.exoos.servers.vfs.Vfs;
import org.exoos.servers.vfs.service.VfsClient;

/**
 * The kernel's character devices, by number, as Linux dispatches a character device's open by its major
 * (chrdev_open): the device nodes live in the vfs (devfs), but what some of them reach is a server the
 * kernel talks to, not a vfs driver. Today that is the terminal:
 * <ul>
 * <li>5:0, /dev/tty: the caller's controlling terminal, ENXIO without one;</li>
 * <li>5:1, /dev/console: the console, the one terminal there is.</li>
 * </ul>
 * The vfs answers ENXIO to an open of a node it has no driver for, after the path walk and the permission
 * checks; the kernel then opens the same path O_PATH to learn the node's number and, if the number is one
 * of these, gives the caller a {@link TtyFile} that keeps the O_PATH handle for fstat.
 */
public final class DeviceSwitch {
    public static final int TTYAUX_MAJOR = 5, TTY_MINOR = 0, CONSOLE_MINOR = 1;
    public static final long TTY = FileStat.makedev(TTYAUX_MAJOR, TTY_MINOR);
    public static final long CONSOLE = FileStat.makedev(TTYAUX_MAJOR, CONSOLE_MINOR);

    /** The path of the console node in devfs. */
    public static final String CONSOLE_PATH = "/dev/console";

    private volatile TtyDevice console;
    /** Where the terminal finds the processes of a group to signal. */
    private final ProcessTree processTree;

    public DeviceSwitch(ProcessTree processTree) { this.processTree = processTree; }

    /** Attaches the console terminal (boot). */
    public void attachConsole(TtyDevice terminal) {
        terminal.useProcessTree(processTree);
        console = terminal;
    }

    /** The console terminal, or null. */
    public TtyDevice console() { return console; }

    /**
     * After the vfs answered ENXIO to {@code caller}'s open of a path: the kernel-side file for it, or null
     * when the node is none of this switch's devices (or /dev/tty without a controlling terminal), and the
     * open stays ENXIO.
     */
    public OpenFile open(PosixProcess caller, VfsClient vfs, long start, DirectBuffer path, int pathOffset,
                         int pathLength, int flags) {
        TtyDevice terminal = console;
        if (terminal == null) return null;
        int pathFlags = OpenFlags.O_PATH | (flags & (OpenFlags.O_NOFOLLOW | OpenFlags.O_DIRECTORY));
        long node = vfs.open(caller.fsCredentials(), start, path, pathOffset, pathLength, pathFlags, 0, 0);
        if (node < 0) return null;
        long rdev = charDeviceNumber(vfs, node);
        boolean ours = rdev == CONSOLE || (rdev == TTY && terminal.controls(caller));
        if (!ours) {
            vfs.close(node);
            return null;
        }
        return new TtyFile(terminal, vfs, node, flags);
    }

    /**
     * The console as the first process's stdio: one open file for fds 0, 1 and 2, read-write, that fstats as
     * the /dev/console node when the machine has a file system.
     */
    public TtyFile openConsole(VfsClient vfs) {
        TtyDevice terminal = console;
        if (terminal == null) throw new IllegalStateException("no console attached");
        long node = vfs == null ? -1 : vfs.open(Credentials.of(0, 0, 0), Vfs.NO_HANDLE, CONSOLE_PATH,
                OpenFlags.O_PATH, 0, 0);
        if (node >= 0 && charDeviceNumber(vfs, node) != CONSOLE) {
            vfs.close(node);
            node = -1;
        }
        return new TtyFile(terminal, node >= 0 ? vfs : null, node, OpenFlags.O_RDWR);
    }

    /** On {@code p}'s thread, as a system call returns: the terminal's signals for it become pending. */
    public void deliverSignals(PosixProcess p) {
        TtyDevice terminal = console;
        if (terminal != null && terminal.hasSignals()) terminal.deliverSignals(p);
    }

    /** The st_rdev of a character-device handle, or -1. */
    private static long charDeviceNumber(VfsClient vfs, long handle) {
        UnsafeBuffer st = new UnsafeBuffer(new byte[FileStat.SIZE]);
        if (vfs.fstat(handle, st, 0) < 0) return -1;
        FileStat s = new FileStat();
        VfsFile.decodeStat(st, 0, s);
        return (s.mode & FileStat.S_IFMT) == FileStat.S_IFCHR ? s.rdev : -1;
    }
}
