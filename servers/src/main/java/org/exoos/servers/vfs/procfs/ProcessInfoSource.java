package org.exoos.servers.vfs.procfs;

import org.exoos.servers.protocol.Errno;

import org.exoos.servers.vfs.Vfs;

import static org.exoos.servers.protocol.Errno.EINVAL;

/**
 * Where procfs learns about processes: implemented by the kernel (which owns processes, their memory and
 * their descriptor tables) and called on the vfs's thread when a /proc file is opened or a /proc directory
 * is looked in, so an implementation must answer from that thread while its processes change (a consistent
 * snapshot per call is enough). Every method answers about the present moment and allocates nothing that it
 * need not: sets are walked with "next after" calls, records are filled in place.
 * <p>
 * A pid is a thread-group id (what getpid returns). A pid that does not exist gives false, null or -1.
 */
public interface ProcessInfoSource {
    /** The smallest existing pid greater than {@code after}, or -1: how /proc is listed. */
    int nextPid(int after);

    boolean exists(int pid);

    /** Fills {@code out} (cleared first by the caller) for {@code pid}: false if it does not exist. */
    boolean status(int pid, ProcessStatus out);

    /** The command name (at most 15 bytes, one char per byte), as prctl(PR_SET_NAME) and exec set it. */
    String comm(int pid);

    /**
     * The argument strings, each followed by its NUL, as /proc/[pid]/cmdline shows them (the bytes between
     * arg_start and arg_end); empty for a zombie or a kernel thread. The caller does not keep or change it.
     */
    byte[] cmdline(int pid);

    /** The path of the executable, for the exe link; null if there is none. */
    String exePath(int pid);

    /** The vfs handle of the working directory (an O_PATH open file), or {@link Vfs#NO_HANDLE}. */
    long cwdHandle(int pid);

    /** Fills {@code out} with the {@code index}-th mapping in address order: false past the last one. */
    boolean mapping(int pid, int index, MemoryMapping out);

    /** The smallest open descriptor number greater than {@code after}, or -1. */
    int nextFd(int pid, int after);

    /** The vfs handle behind descriptor {@code fd}, or {@link Vfs#NO_HANDLE} if it is closed or not a vfs file. */
    long fdHandle(int pid, int fd);

    /**
     * The link text of an open descriptor that is not a vfs file ("pipe:[1234]", "anon_inode:[eventfd]",
     * "socket:[99]"), or null.
     */
    default String fdLinkText(int pid, int fd) {
        return null;
    }

    /**
     * A write to /proc/[pid]/comm by the process itself: sets the name (at most 15 bytes, one char per
     * byte). 0 or a negative errno; by default the name cannot change (EINVAL).
     */
    default int setComm(int pid, String name) {
        return -EINVAL;
    }
}
