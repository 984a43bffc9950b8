package org.exoos.libposix.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;

import org.exoos.libposix.fd.Stdio;
import org.exoos.libposix.support.SyscallHarness;
import org.exoos.servers.protocol.Errno;
import org.junit.jupiter.api.Test;

/** The kernel's side of the family: what it does with procmgr's answer when a process ends. */
class ProcessTreeTest {
    @Test
    void aProcessWithoutAParentIsForgottenAtItsEndButInitIsKept() {
        try (SyscallHarness h = new SyscallHarness()) {
            Stdio stdio = Stdio.streams(new ByteArrayInputStream(new byte[0]), new ByteArrayOutputStream(),
                    new ByteArrayOutputStream());
            PosixProcess beside = new PosixProcess(7, h.process.credentials(), stdio.newTable());
            h.register(beside); // spawned beside init: no parent
            ProcessTree tree = h.linux.processTree();
            beside.joinFamily(tree);
            tree.ended(beside);
            assertNull(tree.find(7), "nobody can wait for it: the kernel let it go");
            assertEquals(-Errno.ESRCH, h.procmgr.getpgid(7), "and so did procmgr");

            tree.ended(h.process); // init
            assertNotNull(tree.find(h.process.pid()), "init's status is the launcher's to read");
            assertEquals(h.process.pid(), h.procmgr.getpgid(h.process.pid()));
        }
    }
}
