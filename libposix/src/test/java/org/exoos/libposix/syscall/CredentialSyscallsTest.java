package org.exoos.libposix.syscall;

import static org.exoos.libposix.support.SyscallHarness.SCRATCH;
import static org.exoos.servers.protocol.Errno.EINVAL;
import static org.exoos.servers.protocol.Errno.EPERM;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.exoos.libposix.process.Credentials;
import org.exoos.libposix.support.SyscallHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** set*id, setfs*id and the groups with Linux's rules: euid 0 is privileged, others move among their ids. */
class CredentialSyscallsTest {
    private final SyscallHarness h = new SyscallHarness("", Credentials.ROOT);

    @AfterEach
    void close() { h.close(); }

    private Credentials ids() { return h.process.credentials(); }

    @Test
    void rootDropsToAUserAndComesBackByTheSavedUid() {
        assertEquals(0, h.call("setresuid", 1000, 1000, 0));
        assertEquals(1000, ids().uid());
        assertEquals(1000, ids().euid());
        assertEquals(0, ids().suid());
        assertEquals(1000, ids().fsuid(), "fsuid follows euid");
        assertEquals(1000, h.process.fsCredentials().uid(), "the vfs sees the new fsuid");
        assertEquals(-EPERM, h.call("setuid", 2000));
        assertEquals(-EPERM, h.call("setresuid", -1, 2000, -1));
        assertEquals(-EPERM, h.call("setgroups", 0, 0));
        assertEquals(0, h.call("setuid", 0), "unprivileged setuid to the saved uid sets only the euid");
        assertEquals(1000, ids().uid());
        assertEquals(0, ids().euid());
        assertEquals(0, h.call("setuid", 0), "privileged again: all three");
        assertEquals(0, ids().uid());
        assertEquals(0, ids().suid());
    }

    @Test
    void setreuidMovesTheSavedUidToTheNewEffectiveOne() {
        assertEquals(0, h.call("setreuid", 1000, 2000));
        assertEquals(1000, ids().uid());
        assertEquals(2000, ids().euid());
        assertEquals(2000, ids().suid());
        assertEquals(-EPERM, h.call("setreuid", 0, -1), "0 is none of the ids any more");
        assertEquals(0, h.call("setreuid", 2000, 1000), "swap real and effective");
        assertEquals(2000, ids().uid());
        assertEquals(1000, ids().euid());
    }

    @Test
    void setfsuidReturnsTheOldValueAndOnlyAcceptsOwnIdsWhenUnprivileged() {
        assertEquals(0, h.call("setresuid", 1000, 1000, 0));
        assertEquals(1000, h.call("setfsuid", 5));
        assertEquals(1000, ids().fsuid(), "5 refused, silently");
        assertEquals(1000, h.call("setfsuid", 0));
        assertEquals(0, ids().fsuid(), "the saved uid is allowed");
        assertEquals(0, h.process.fsCredentials().uid());
        assertEquals(1000, ids().euid());
        assertEquals(0, h.call("setfsgid", -1));
    }

    @Test
    void groupsAreSortedCountedAndGuarded() {
        h.put(SCRATCH, new byte[] {30, 0, 0, 0, 10, 0, 0, 0, 20, 0, 0, 0});
        assertEquals(0, h.call("setgroups", 3, SCRATCH));
        assertEquals(3, h.call("getgroups", 0, 0));
        assertEquals(-EINVAL, h.call("getgroups", 2, SCRATCH + 64));
        assertEquals(3, h.call("getgroups", 8, SCRATCH + 64));
        assertArrayEquals(new int[] {10, 20, 30}, ids().groupsCopy());
        assertEquals(3, h.process.fsCredentials().groupCount(), "the vfs checks them");
        assertEquals(-EINVAL, h.call("setgroups", -1, 0));
        assertEquals(0, h.call("setresgid", 100, 100, 0));
        assertEquals(0, h.call("setresuid", 1000, 1000, 1000));
        assertEquals(-EPERM, h.call("setgid", 5), "not one of the gids");
        assertEquals(-EPERM, h.call("setuid", 0), "all uids left 0: no way back");
        assertEquals(0, h.call("setgid", 0), "the saved gid is allowed");
        assertEquals(-EINVAL, h.call("setuid", -1));
    }
}
