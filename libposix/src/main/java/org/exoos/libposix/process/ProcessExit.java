package org.exoos.libposix.process;

import org.exoos.libposix.LinuxPersonality;
import org.exoos.libposix.signal.Signal;
import org.exoos.microkernel.mm.AddressSpace;
import org.exoos.servers.vfs.service.VfsClient;

/**
 * The end of a process, once no hart runs any of its threads: its descriptors, working and root directory are
 * let go, its memory freed (a vfork child's borrowed memory goes back to its parent instead), and it
 * becomes a zombie for its parent to reap ({@link ProcessTree#ended}).
 */
public final class ProcessExit {
    private ProcessExit() {}

    /** A thread's run loop ended; the last one releases the process. */
    public static void threadEnded(LinuxPersonality linux, PosixThread thread) {
        PosixProcess p = thread.process();
        p.threadRunEnded(thread);
        for (PosixThread t : p.threads()) if (!t.runEnded()) return;
        if (!p.claimRelease()) return;
        if (!p.hasExited()) p.killBy(Signal.SIGKILL); // stopped from outside (the machine shut down)
        p.fds().release(); // closes every fd unless another process shares the table (CLONE_FILES)
        FsContext fs = p.fsContext();
        if (fs.release()) { // the last user of the directories (CLONE_FS shares them) closes their handles
            VfsClient vfs = linux.vfs();
            if (fs.cwd() >= 0 && vfs != null) vfs.close(fs.cwd());
            fs.setCwd(-1);
            if (fs.root() >= 0 && vfs != null) vfs.close(fs.root());
            fs.setRoot(-1);
        }
        AddressSpace space = p.addressSpace();
        if (p.vforkParent() != null) p.releaseVforkParent(); // the parent runs on in the memory it lent
        if (space != null) space.release(); // destroyed unless another process shares it (CLONE_VM, vfork)
        linux.processTree().ended(p);
    }
}
