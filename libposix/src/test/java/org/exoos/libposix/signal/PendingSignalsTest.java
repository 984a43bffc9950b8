package org.exoos.libposix.signal;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Standard signals merge, real-time signals queue in order up to the limit. */
class PendingSignalsTest {
    private final PendingSignals set = new PendingSignals();

    @Test
    void aStandardSignalSentTwiceIsPendingOnceWithTheFirstSiginfo() {
        set.add(SigInfo.user(Signal.SIGUSR1, 10, 0));
        set.add(SigInfo.user(Signal.SIGUSR1, 11, 0));
        assertEquals(10, set.take(Signal.SIGUSR1).pid());
        assertNull(set.take(Signal.SIGUSR1));
        assertEquals(0, set.mask());
    }

    @Test
    void realTimeInstancesAreTakenInOrderAndTheBitStaysWhileAnyIsLeft() {
        int rt = Signal.SIGRTMIN + 2;
        for (int pid = 1; pid <= 3; pid++) assertTrue(set.add(SigInfo.user(rt, pid, 0)));
        assertEquals(1, set.take(rt).pid());
        assertTrue((set.mask() & Signal.bit(rt)) != 0, "two left");
        assertEquals(2, set.take(rt).pid());
        assertEquals(3, set.take(rt).pid());
        assertEquals(0, set.mask());
        assertNull(set.take(rt));
    }

    @Test
    void theRealTimeQueueIsBoundedAndDiscardEmptiesIt() {
        int rt = Signal.SIGRTMIN;
        for (int i = 0; i < PendingSignals.RT_QUEUE_LIMIT; i++) assertTrue(set.add(SigInfo.user(rt, i, 0)));
        assertFalse(set.hasRoomFor(rt));
        assertFalse(set.add(SigInfo.user(rt, -1, 0)), "the instance past the limit is refused");
        assertTrue(set.hasRoomFor(Signal.SIGUSR2), "standard signals never need room");
        set.discard(rt);
        assertEquals(0, set.mask());
        assertTrue(set.hasRoomFor(rt));
    }
}
