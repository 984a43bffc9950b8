package org.exoos.libposix.syscall;

import org.exoos.libposix.fd.Stdio;
import org.exoos.libposix.process.Credentials;
import org.exoos.libposix.process.PosixProcess;
import org.exoos.libposix.process.PosixThread;
import org.exoos.libposix.support.SyscallHarness;
import org.exoos.microkernel.task.Task;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;

import static org.exoos.libposix.syscall.SysIoPriority.*;
import static org.exoos.servers.protocol.Errno.EINVAL;
import static org.exoos.servers.protocol.Errno.EPERM;
import static org.exoos.servers.protocol.Errno.ESRCH;
import static org.junit.jupiter.api.Assertions.assertEquals;

class IoPrioritySyscallTest {
    private static final Credentials ROOT = new Credentials(0, 0, 0, 0), USER = new Credentials(1000, 1000, 1000, 1000);

    /** A harness whose process is in the process table, with another live process {@code pid} of {@code owner}. */
    private static PosixProcess other(SyscallHarness h, int pid, Credentials owner, int pgid) {
        Stdio stdio = Stdio.streams(new ByteArrayInputStream(new byte[0]), new ByteArrayOutputStream(), new ByteArrayOutputStream());
        PosixProcess p = new PosixProcess(pid, owner, stdio.newTable());
        new PosixThread(new Task(pid, h.space), p, pid);
        p.setPgid(pgid);
        h.register(p);
        return p;
    }

    private static SyscallHarness harness(Credentials cred) {
        SyscallHarness h = new SyscallHarness("", cred);
        h.linux.processes().add(h.process, 0, 0);
        return h;
    }

    @Test
    void setAndGetRoundTripForTheCaller() {
        try (SyscallHarness h = harness(USER)) {
            assertEquals(prioValue(IOPRIO_CLASS_NONE, 0), h.call("ioprio_get", IOPRIO_WHO_PROCESS, 0), "never set");
            assertEquals(0, h.call("ioprio_set", IOPRIO_WHO_PROCESS, 0, prioValue(IOPRIO_CLASS_BE, 6)));
            assertEquals(prioValue(IOPRIO_CLASS_BE, 6), h.call("ioprio_get", IOPRIO_WHO_PROCESS, 1));
            assertEquals(0, h.call("ioprio_set", IOPRIO_WHO_PROCESS, 1, prioValue(IOPRIO_CLASS_IDLE, 0)), "IDLE for anyone");
            assertEquals(prioValue(IOPRIO_CLASS_IDLE, 0), h.call("ioprio_get", IOPRIO_WHO_PROCESS, 0));
            assertEquals(0, h.call("ioprio_set", IOPRIO_WHO_PROCESS, 0, 0x10000 | prioValue(IOPRIO_CLASS_BE, 1)),
                    "bits above 16 are not looked at");
            assertEquals(prioValue(IOPRIO_CLASS_BE, 1), h.call("ioprio_get", IOPRIO_WHO_PROCESS, 0), "an unsigned short");
        }
    }

    @Test
    void badValuesAreEinvalAndRealTimeNeedsPrivilege() {
        try (SyscallHarness h = harness(USER)) {
            assertEquals(-EINVAL, h.call("ioprio_set", IOPRIO_WHO_PROCESS, 0, prioValue(4, 0)), "class 4");
            assertEquals(-EINVAL, h.call("ioprio_set", IOPRIO_WHO_PROCESS, 0, prioValue(IOPRIO_CLASS_BE, 8)), "BE 8");
            assertEquals(-EINVAL, h.call("ioprio_set", IOPRIO_WHO_PROCESS, 0, prioValue(IOPRIO_CLASS_NONE, 1)), "NONE 1");
            assertEquals(-EINVAL, h.call("ioprio_set", 0, 0, prioValue(IOPRIO_CLASS_BE, 1)), "which 0");
            assertEquals(-EINVAL, h.call("ioprio_set", 4, 0, prioValue(IOPRIO_CLASS_BE, 1)), "which 4");
            assertEquals(-EINVAL, h.call("ioprio_get", 0, 0));
            assertEquals(-EINVAL, h.call("ioprio_get", 4, 0));
            assertEquals(-EPERM, h.call("ioprio_set", IOPRIO_WHO_PROCESS, 0, prioValue(IOPRIO_CLASS_RT, 0)), "RT");
            assertEquals(-EPERM, h.call("ioprio_set", 0, 0, prioValue(IOPRIO_CLASS_RT, 0)), "the class is checked first");
            assertEquals(prioValue(IOPRIO_CLASS_NONE, 0), h.call("ioprio_get", IOPRIO_WHO_PROCESS, 0), "nothing changed");
        }
        try (SyscallHarness h = harness(ROOT)) {
            assertEquals(0, h.call("ioprio_set", IOPRIO_WHO_PROCESS, 0, prioValue(IOPRIO_CLASS_RT, 7)));
            assertEquals(-EINVAL, h.call("ioprio_set", IOPRIO_WHO_PROCESS, 0, prioValue(IOPRIO_CLASS_RT, 8)));
            assertEquals(prioValue(IOPRIO_CLASS_RT, 7), h.call("ioprio_get", IOPRIO_WHO_PROCESS, 0));
        }
    }

    @Test
    void anotherUsersProcessIsEpermAndAMissingOneEsrch() {
        try (SyscallHarness h = harness(USER)) {
            other(h, 7, ROOT, 7);
            assertEquals(-EPERM, h.call("ioprio_set", IOPRIO_WHO_PROCESS, 7, prioValue(IOPRIO_CLASS_BE, 1)));
            assertEquals(prioValue(IOPRIO_CLASS_NONE, 0), h.call("ioprio_get", IOPRIO_WHO_PROCESS, 7), "anyone may read");
            assertEquals(-ESRCH, h.call("ioprio_set", IOPRIO_WHO_PROCESS, 99, prioValue(IOPRIO_CLASS_BE, 1)));
            assertEquals(-ESRCH, h.call("ioprio_get", IOPRIO_WHO_PROCESS, 99));
            assertEquals(-ESRCH, h.call("ioprio_get", IOPRIO_WHO_PGRP, 99));
            assertEquals(-ESRCH, h.call("ioprio_set", IOPRIO_WHO_USER, 4242, prioValue(IOPRIO_CLASS_BE, 1)));
            assertEquals(-EPERM, h.call("ioprio_set", IOPRIO_WHO_PGRP, 7, prioValue(IOPRIO_CLASS_BE, 1)), "root's group");
        }
        try (SyscallHarness h = harness(ROOT)) {
            PosixProcess p = other(h, 7, USER, 7);
            assertEquals(0, h.call("ioprio_set", IOPRIO_WHO_PROCESS, 7, prioValue(IOPRIO_CLASS_BE, 1)), "CAP_SYS_NICE");
            assertEquals(prioValue(IOPRIO_CLASS_BE, 1), p.ioPriority());
        }
    }

    @Test
    void groupsAndUsersGetTheBestEffectivePriority() {
        try (SyscallHarness h = harness(USER)) {
            PosixProcess a = other(h, 7, USER, 1), b = other(h, 8, USER, 1);
            other(h, 9, new Credentials(2000, 2000, 2000, 2000), 9);
            a.setIoPriority(prioValue(IOPRIO_CLASS_IDLE, 0));
            assertEquals(prioValue(IOPRIO_CLASS_BE, 4), h.call("ioprio_get", IOPRIO_WHO_PGRP, 0),
                    "the unset ones count as nice 0's BE 4, better than IDLE");
            b.setIoPriority(prioValue(IOPRIO_CLASS_BE, 2));
            assertEquals(prioValue(IOPRIO_CLASS_BE, 2), h.call("ioprio_get", IOPRIO_WHO_PGRP, 1));
            assertEquals(prioValue(IOPRIO_CLASS_BE, 2), h.call("ioprio_get", IOPRIO_WHO_USER, 0), "the caller's uid");
            assertEquals(prioValue(IOPRIO_CLASS_BE, 4), h.call("ioprio_get", IOPRIO_WHO_USER, 2000));

            assertEquals(-ESRCH, h.call("ioprio_set", IOPRIO_WHO_USER, 0, prioValue(IOPRIO_CLASS_BE, 5)),
                    "Linux's set takes who 0 as uid 0, and no process here is root's");
            assertEquals(0, h.call("ioprio_set", IOPRIO_WHO_USER, 1000, prioValue(IOPRIO_CLASS_BE, 5)));
            assertEquals(prioValue(IOPRIO_CLASS_BE, 5), a.ioPriority());
            assertEquals(prioValue(IOPRIO_CLASS_BE, 5), b.ioPriority());
            assertEquals(prioValue(IOPRIO_CLASS_BE, 5), h.process.ioPriority());
            assertEquals(-EPERM, h.call("ioprio_set", IOPRIO_WHO_USER, 2000, prioValue(IOPRIO_CLASS_BE, 1)));
        }
    }

    @Test
    void forkInheritsThePriority() {
        try (SyscallHarness h = harness(USER)) {
            h.process.setIoPriority(prioValue(IOPRIO_CLASS_BE, 3));
            PosixProcess child = h.process.forkChild(5, h.process.fds());
            assertEquals(prioValue(IOPRIO_CLASS_BE, 3), child.ioPriority());
        }
    }
}
