package org.exoos.ipc.fusion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.agrona.concurrent.UnsafeBuffer;
import org.exoos.ipc.fusion.shm.SharedRegion;
import org.junit.jupiter.api.Test;

class CrossProcessFusionRingTest {
    private static final long ROUND_TRIPS = 100_000;
    private static final int SLOTS = 64;
    private static final long BOUND = TimeUnit.SECONDS.toNanos(60);
    private static final long POLL = TimeUnit.MILLISECONDS.toNanos(100);

    private static String uniqueName(final String what) {
        return "exo-test-" + what + "-" + ProcessHandle.current().pid() + "-" + System.nanoTime();
    }

    @Test
    void aChildJvmAnswersOneHundredThousandRequestsThroughTwoParkingRings() throws Exception {
        final String requestName = uniqueName("requests");
        final String replyName = uniqueName("replies");
        final Path childOutput = Files.createTempFile("exo-fusion-child", ".log");
        Process child = null;
        try (SharedFusionRing requestRing = SharedFusionRing.create(requestName, SLOTS, true);
             SharedFusionRing replyRing = SharedFusionRing.create(replyName, SLOTS, true)) {
            final OneToOneFusionRing out = requestRing.ring();
            final OneToOneFusionRing in = replyRing.ring();
            child = ChildJvm.start(FusionRingEchoChild.class, childOutput, requestName, replyName,
                Long.toString(ROUND_TRIPS));
            final FusionRingWaiter waiter = FusionRingWaiter.parking(FusionRingEchoChild.SPINS_BEFORE_PARKING);
            final UnsafeBuffer request = new UnsafeBuffer(new byte[Long.BYTES]);
            final long[] replies = {0};
            final long[] lastCorrelationId = {-1};
            final long[] lastValue = {-1};
            final int[] lastType = {-1};
            final FusionMessageHandler handler = m -> {
                replies[0]++;
                lastCorrelationId[0] = m.correlationId();
                lastValue[0] = m.buffer().getLong(m.payloadOffset());
                lastType[0] = m.type();
            };
            final long deadline = System.nanoTime() + BOUND;
            for (long id = 1; id <= ROUND_TRIPS; id++) {
                request.putLong(0, id);
                assertEquals(OfferStatus.OK, out.offer(FusionRingEchoChild.REQUEST_TYPE, id, request, 0, Long.BYTES),
                    "offer of request " + id + " to a ring the child keeps drained");
                while (!waiter.awaitNotEmpty(in, POLL)) {
                    if (!child.isAlive() || System.nanoTime() - deadline > 0) {
                        fail("no reply to request " + id + " (child " + describe(child) + "); child output:\n"
                            + Files.readString(childOutput));
                    }
                }
                in.drain(handler, SLOTS);
                assertEquals(id, replies[0], "replies after request " + id);
                assertEquals(id, lastCorrelationId[0], "correlation id of the reply to request " + id);
                assertEquals(FusionRingEchoChild.replyTo(id), lastValue[0], "payload of the reply to request " + id);
                assertEquals(FusionRingEchoChild.REPLY_TYPE, lastType[0], "type of the reply to request " + id);
            }
            final long remaining = Math.max(deadline - System.nanoTime(), TimeUnit.SECONDS.toNanos(5));
            assertTrue(child.waitFor(remaining, TimeUnit.NANOSECONDS),
                "child did not exit after the last reply; output:\n" + Files.readString(childOutput));
            assertEquals(0, child.exitValue(), "child exit status; output:\n" + Files.readString(childOutput));
            assertEquals(0L, in.malformedSlotCount(), "malformed reply slots");
        } finally {
            if (child != null && child.isAlive()) {
                child.destroyForcibly();
                child.waitFor(10, TimeUnit.SECONDS);
            }
            Files.deleteIfExists(SharedRegion.pathOf(requestName));
            Files.deleteIfExists(SharedRegion.pathOf(replyName));
            Files.deleteIfExists(childOutput);
        }
    }

    @Test
    void openRefusesARegionThatIsNotExactlyOneRing() throws IOException {
        final String name = uniqueName("oversized");
        try (SharedRegion region = SharedRegion.create(name, FusionRingDescriptor.requiredCapacity(16) + 4096)) {
            OneToOneFusionRing.formatWithDoorbells(
                new UnsafeBuffer(region.buffer(), 0, FusionRingDescriptor.requiredCapacity(16)), 16);
            final IllegalStateException ex = assertThrows(
                IllegalStateException.class, () -> SharedFusionRing.open(name));
            assertTrue(ex.getMessage().contains("needs capacity") && ex.getMessage().contains(name),
                "message '" + ex.getMessage() + "' should name the region and the capacity mismatch");
        } finally {
            Files.deleteIfExists(SharedRegion.pathOf(name));
        }
    }

    @Test
    void openRefusesAnUnformattedRegion() throws IOException {
        final String name = uniqueName("unformatted");
        try (SharedRegion region = SharedRegion.create(name, FusionRingDescriptor.requiredCapacity(16))) {
            final IllegalStateException ex = assertThrows(
                IllegalStateException.class, () -> SharedFusionRing.open(name));
            assertTrue(ex.getMessage().contains("not a fusion ring"), "message: " + ex.getMessage());
        } finally {
            Files.deleteIfExists(SharedRegion.pathOf(name));
        }
    }

    @Test
    void createdRingIsVisibleToAnOpenerInTheSameProcess() throws IOException {
        final String name = uniqueName("same-process");
        try (SharedFusionRing created = SharedFusionRing.create(name, 8, true);
             SharedFusionRing opened = SharedFusionRing.open(name)) {
            created.ring().offer(1, 42, TestBuffers.payload(42), 0, 8);
            assertTrue(opened.ring().hasDoorbells(), "opened ring has doorbells");
            final long[] seen = {0};
            assertEquals(1, opened.ring().drain(m -> seen[0] = m.correlationId(), 8), "slots drained by the opener");
            assertEquals(42, seen[0], "correlation id seen by the opener");
        } finally {
            Files.deleteIfExists(SharedRegion.pathOf(name));
        }
    }

    private static String describe(final Process child) {
        return child.isAlive() ? "alive" : "exited " + child.exitValue();
    }
}
