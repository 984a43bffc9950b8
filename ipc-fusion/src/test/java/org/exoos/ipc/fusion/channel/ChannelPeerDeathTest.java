package org.exoos.ipc.fusion.channel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.exoos.ipc.fusion.ChildJvm;
import org.exoos.ipc.fusion.FusionMessageHandler;
import org.exoos.ipc.fusion.FusionRingWaiter;
import org.exoos.ipc.fusion.OneToOneFusionRing;
import org.exoos.ipc.fusion.SlotView;
import org.exoos.ipc.fusion.cap.Capability;
import org.exoos.ipc.fusion.cap.CapabilityRefusedException;
import org.exoos.ipc.fusion.cap.CapabilityState;
import org.exoos.ipc.fusion.cap.Rights;
import org.exoos.ipc.fusion.liveness.PeerMonitor;
import org.exoos.ipc.fusion.liveness.ProcessIdentity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hot-restart path across two JVMs: a child streams requests (inline and zero-copy) until it
 * is killed with SIGKILL mid-stream; the owner is told by its {@link PeerMonitor}, keeps every
 * request the child fully published (in order, intact), resets the channel (reclaiming every
 * block the child held) and a new child attaches with a new capability and streams afresh.
 */
class ChannelPeerDeathTest {
    private static final int BLOCKS = 32;
    private static final long BEFORE_KILL = 20_000;
    private static final long SECOND_STREAM = 5_000;

    @TempDir
    Path logs;

    @Test
    void aPeerKilledMidStreamIsReportedAndTheChannelIsResetForANewPeer() throws Exception {
        try (FusionChannel channel = FusionChannel.create(TestChannels.uniqueName("death"),
                 new ChannelGeometry(256, true, ChannelPayloads.MAX_SIZE, BLOCKS));
             PeerMonitor monitor = new PeerMonitor()) {
            final Capability first = channel.issue(Rights.SEND);
            final Process child = start(first, -1, "first");
            final ProcessIdentity holder = channel.awaitAttached(Duration.ofSeconds(60));
            assertEquals(child.pid(), holder.pid());
            final CountDownLatch died = new CountDownLatch(1);
            final AtomicLong diedAt = new AtomicLong();
            monitor.watch(holder, peer -> {
                diedAt.set(System.nanoTime());
                died.countDown();
            });

            final Receiver receiver = new Receiver();
            final OneToOneFusionRing requests = channel.requests();
            final FusionRingWaiter waiter = FusionRingWaiter.parking(500);
            while (receiver.next < BEFORE_KILL) {
                assertTrue(waiter.awaitNotEmpty(requests, TimeUnit.SECONDS.toNanos(30)),
                    "no request " + receiver.next + " within 30 s; child log: " + log("first"));
                requests.drain(receiver, 64);
                assertNull(receiver.error, receiver.error);
            }
            final long killedAt = System.nanoTime();
            child.destroyForcibly(); // SIGKILL, mid-stream: the child is not reaped until later
            assertTrue(died.await(10, TimeUnit.SECONDS), "the monitor never reported the death");
            final long detectionMillis = TimeUnit.NANOSECONDS.toMillis(diedAt.get() - killedAt);
            System.out.println("peer death reported " + detectionMillis + " ms after SIGKILL, after "
                + receiver.next + " requests");
            assertTrue(channel.declareHolderDead(holder));
            assertEquals(CapabilityState.DEAD, channel.capabilityState());

            // Everything the child fully published is still delivered, in order and intact.
            while (requests.drain(receiver, 256) > 0) {
                assertNull(receiver.error, receiver.error);
            }
            assertNull(receiver.error, receiver.error);
            assertEquals(0, requests.malformedSlotCount());
            final FusionChannel.ResetReport report = channel.reset();
            assertEquals(0, report.requestsDiscarded(), "the owner drained everything before the reset");
            assertEquals(BLOCKS, channel.dataRegion().freeBlocks(), "every block the dead child held came back");
            child.waitFor(10, TimeUnit.SECONDS);

            // A new peer, a new capability; the old one is refused.
            final Capability second = channel.issue(Rights.SEND);
            assertThrows(CapabilityRefusedException.class, () -> ChannelPeer.attach(first.encode()));
            final Process replacement = start(second, SECOND_STREAM, "second");
            channel.awaitAttached(Duration.ofSeconds(60));
            final Receiver fresh = new Receiver();
            final OneToOneFusionRing newRequests = channel.requests();
            while (fresh.next < SECOND_STREAM) {
                assertTrue(waiter.awaitNotEmpty(newRequests, TimeUnit.SECONDS.toNanos(30)),
                    "no request " + fresh.next + " from the new peer; child log: " + log("second"));
                newRequests.drain(fresh, 64);
                assertNull(fresh.error, fresh.error);
            }
            assertTrue(replacement.waitFor(30, TimeUnit.SECONDS), "the second child did not exit");
            assertEquals(0, replacement.exitValue(), log("second"));
            assertEquals(CapabilityState.DEAD, channel.capabilityState(), "a peer that closes is gone");
            assertEquals(SECOND_STREAM, fresh.next);
        }
    }

    private Process start(final Capability capability, final long count, final String name) throws Exception {
        final Process process = ChildJvm.start(ChannelStreamingChild.class, logs.resolve(name + ".log"),
            capability.encode(), Long.toString(count));
        return process;
    }

    private String log(final String name) {
        try {
            return Files.readString(logs.resolve(name + ".log"), StandardCharsets.UTF_8);
        } catch (final Exception ex) {
            return "(no log: " + ex + ")";
        }
    }

    private static final class Receiver implements FusionMessageHandler {
        long next;
        String error;

        @Override
        public void onMessage(final SlotView message) {
            if (error == null) {
                error = ChannelPayloads.check(message, next);
                next++;
            }
        }
    }
}
