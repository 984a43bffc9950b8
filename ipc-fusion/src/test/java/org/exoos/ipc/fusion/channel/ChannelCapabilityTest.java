package org.exoos.ipc.fusion.channel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.agrona.concurrent.UnsafeBuffer;
import org.exoos.ipc.fusion.FusionRingWaiter;
import org.exoos.ipc.fusion.OfferStatus;
import org.exoos.ipc.fusion.cap.Capability;
import org.exoos.ipc.fusion.cap.CapabilityRefusedException;
import org.exoos.ipc.fusion.cap.CapabilityState;
import org.exoos.ipc.fusion.cap.Rights;
import org.exoos.ipc.fusion.cap.RevokedException;
import org.exoos.ipc.fusion.liveness.ProcessIdentity;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ChannelCapabilityTest {
    private static final int TYPE = 7;
    private final UnsafeBuffer payload = new UnsafeBuffer(new byte[8]);
    private FusionChannel channel;

    @BeforeEach
    void create() throws IOException {
        channel = FusionChannel.create(TestChannels.uniqueName("cap"), new ChannelGeometry(64, true, 4096, 16));
    }

    @AfterEach
    void close() {
        channel.close();
    }

    @Test
    void theIssuedCapabilityAttachesOnceAndCarriesMessagesBothWays() throws Exception {
        final Capability cap = channel.issue(Rights.SEND_RECEIVE);
        try (ChannelPeer peer = ChannelPeer.attach(cap.encode())) {
            assertEquals(ProcessIdentity.current(), channel.awaitAttached(Duration.ofSeconds(5)));
            assertEquals(CapabilityState.ATTACHED, channel.capabilityState());
            assertEquals(OfferStatus.OK, peer.requests().offer(TYPE, 41, payload, 0, 8));
            assertEquals(1, channel.requests().drain(m -> assertEquals(41, m.correlationId()), 10));
            assertEquals(OfferStatus.OK, channel.replies().offer(TYPE, 42, payload, 0, 8));
            assertEquals(1, peer.replies().drain(m -> assertEquals(42, m.correlationId()), 10));
            final CapabilityRefusedException again =
                assertThrows(CapabilityRefusedException.class, () -> ChannelPeer.attach(cap.encode()));
            assertTrue(again.getMessage().contains("attaches once"), again.getMessage());
        }
    }

    @Test
    void aWrongTokenIsRefusedAndLeavesTheCapabilityUsable() throws Exception {
        final Capability cap = channel.issue(Rights.SEND_RECEIVE);
        final Capability forged = new Capability(cap.channel(), cap.generation(), cap.rights(),
            cap.tokenHigh(), cap.tokenLow() ^ 1);
        final CapabilityRefusedException refused =
            assertThrows(CapabilityRefusedException.class, () -> ChannelPeer.attach(forged.encode()));
        assertTrue(refused.getMessage().contains("wrong token"), refused.getMessage());
        final Capability random = Capability.issue(cap.channel(), cap.generation(), cap.rights());
        assertThrows(CapabilityRefusedException.class, () -> ChannelPeer.attach(random.encode()));
        final Capability otherGeneration = new Capability(cap.channel(), cap.generation() + 1, cap.rights(),
            cap.tokenHigh(), cap.tokenLow());
        assertThrows(CapabilityRefusedException.class, () -> ChannelPeer.attach(otherGeneration.encode()));
        assertEquals(CapabilityState.ISSUED, channel.capabilityState());
        try (ChannelPeer peer = ChannelPeer.attach(cap.encode())) {
            assertTrue(peer.isLive());
        }
    }

    @Test
    void malformedCapabilityTextIsRefusedWithoutEchoingIt() {
        for (final String text : new String[] {null, "", "exocap1:x", "exocap1:a:1:3:zz",
            "exocap1:../etc:1:3:00000000000000000000000000000000", "exocap1:a:0:3:00000000000000000000000000000000",
            "exocap1:a:1:4:00000000000000000000000000000000"}) {
            final CapabilityRefusedException refused =
                assertThrows(CapabilityRefusedException.class, () -> ChannelPeer.attach(text));
            assertTrue(refused.getMessage().startsWith("malformed capability"), refused.getMessage());
        }
    }

    @Test
    void rightsAreEnforced() throws Exception {
        final Capability sendOnly = channel.issue(Rights.SEND);
        final Capability askingMore = new Capability(sendOnly.channel(), sendOnly.generation(), Rights.SEND_RECEIVE,
            sendOnly.tokenHigh(), sendOnly.tokenLow());
        final CapabilityRefusedException refused =
            assertThrows(CapabilityRefusedException.class, () -> ChannelPeer.attach(askingMore.encode()));
        assertTrue(refused.getMessage().contains("grants send, not send+receive"), refused.getMessage());
        try (ChannelPeer peer = ChannelPeer.attach(sendOnly.encode())) {
            assertEquals(OfferStatus.OK, peer.requests().offer(TYPE, 1, payload, 0, 8));
            assertThrows(IllegalStateException.class, peer::replies);
        }
    }

    @Test
    void theSharedMemoryHoldsNoTokenBits() throws Exception {
        final Capability cap = channel.issue(Rights.SEND_RECEIVE);
        final byte[] control = new byte[ChannelDescriptor.REQUEST_RING_OFFSET];
        try (ChannelPeer peer = ChannelPeer.attach(cap.encode())) {
            new UnsafeBuffer(org.exoos.ipc.fusion.shm.SharedRegion.open(cap.channel(), 1).address(),
                control.length).getBytes(0, control);
        }
        final byte[] token = java.nio.ByteBuffer.allocate(16).order(java.nio.ByteOrder.nativeOrder())
            .putLong(cap.tokenHigh()).putLong(cap.tokenLow()).array();
        for (int i = 0; i + 8 <= control.length; i++) {
            final long word = java.nio.ByteBuffer.wrap(control, i, 8).order(java.nio.ByteOrder.nativeOrder()).getLong();
            assertFalse(word == cap.tokenHigh() || word == cap.tokenLow(), "token half found at offset " + i);
        }
        assertEquals(16, token.length);
    }

    @Test
    void revocationEndsBothSidesAndWakesAParkedWaiterPromptly() throws Exception {
        final Capability cap = channel.issue(Rights.SEND_RECEIVE);
        try (ChannelPeer peer = ChannelPeer.attach(cap.encode())) {
            final FusionRingWaiter waiter = FusionRingWaiter.parking(100);
            final CompletableFuture<Long> woke = CompletableFuture.supplyAsync(() -> {
                waiter.awaitNotEmpty(peer.replies(), -1); // nothing will ever be replied
                return System.nanoTime();
            });
            // Let the waiter park (100 spins take microseconds); then revoke and time the wake.
            Thread.sleep(300);
            assertFalse(woke.isDone(), "the waiter returned with nothing to read");
            final long revokedAt = System.nanoTime();
            assertTrue(channel.revoke());
            final long wokeAt = woke.get(10, TimeUnit.SECONDS);
            assertTrue(wokeAt - revokedAt < TimeUnit.SECONDS.toNanos(5), "woke after " + (wokeAt - revokedAt) + " ns");
            assertTrue(waiter.parkCount() > 0, "the waiter never parked, so the futex wake was not tested");

            assertFalse(peer.isLive());
            assertTrue(peer.status().contains("revoked"), peer.status());
            assertEquals(OfferStatus.REVOKED, peer.requests().offer(TYPE, 1, payload, 0, 8));
            assertThrows(RevokedException.class, () -> peer.replies().drain(m -> { }, 10));
            assertEquals(OfferStatus.REVOKED, channel.replies().offer(TYPE, 1, payload, 0, 8));
            assertEquals(0, channel.requests().drain(m -> { }, 10), "the owner may drain what was sent before");
            assertFalse(channel.revoke(), "a second revocation has nothing to revoke");
            final org.exoos.ipc.fusion.OneToOneFusionRing stale = channel.requests();
            channel.reset();
            assertThrows(RevokedException.class, () -> stale.drain(m -> { }, 10), "after a reset, old rings are dead");
        }
    }

    @Test
    void resetDiscardsTheOldPeersMessagesAndANewCapabilityAttaches() throws Exception {
        final Capability first = channel.issue(Rights.SEND_RECEIVE);
        final ChannelPeer oldPeer = ChannelPeer.attach(first.encode());
        for (int i = 0; i < 5; i++) {
            assertEquals(OfferStatus.OK, oldPeer.requests().offer(TYPE, i, payload, 0, 8));
        }
        final UnsafeBuffer big = new UnsafeBuffer(new byte[1000]);
        assertEquals(OfferStatus.OK, oldPeer.requests().offerData(TYPE, 5, big, 0, 1000));
        assertThrows(IllegalStateException.class, channel::reset, "reset of a live capability");
        assertThrows(IllegalStateException.class, () -> channel.issue(Rights.SEND));
        assertTrue(channel.revoke());
        final FusionChannel.ResetReport report = channel.reset();
        assertEquals(6, report.requestsDiscarded());
        assertEquals(1, report.blocksReclaimed());
        assertEquals(16, channel.dataRegion().freeBlocks());

        final Capability second = channel.issue(Rights.SEND_RECEIVE);
        assertEquals(first.generation() + 1, second.generation());
        assertThrows(CapabilityRefusedException.class, () -> ChannelPeer.attach(first.encode()));
        try (ChannelPeer newPeer = ChannelPeer.attach(second.encode())) {
            assertEquals(OfferStatus.REVOKED, oldPeer.requests().offer(TYPE, 99, payload, 0, 8),
                "the old peer's endpoint must stay dead after the reset");
            assertEquals(OfferStatus.OK, newPeer.requests().offer(TYPE, 100, payload, 0, 8));
            final long[] seen = new long[4];
            final int[] count = {0};
            assertEquals(1, channel.requests().drain(m -> seen[count[0]++] = m.correlationId(), 10));
            assertEquals(100, seen[0]);
        } finally {
            oldPeer.close();
        }
    }

    @Test
    void aPeerThatClosesIsSeenAsGoneAndOwnerCloseRevokesThePeer() throws Exception {
        final Capability cap = channel.issue(Rights.SEND_RECEIVE);
        ChannelPeer peer = ChannelPeer.attach(cap.encode());
        peer.close();
        assertEquals(CapabilityState.DEAD, channel.capabilityState());
        channel.reset();
        final Capability next = channel.issue(Rights.SEND_RECEIVE);
        peer = ChannelPeer.attach(next.encode());
        try {
            channel.close();
            assertFalse(peer.isLive());
            assertEquals(OfferStatus.REVOKED, peer.requests().offer(TYPE, 1, payload, 0, 8));
        } finally {
            peer.close();
        }
    }
}
