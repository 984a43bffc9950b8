package org.exoos.ipc.fusion.liveness;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every behaviour twice: on pidfds (pidFd=true) and on the /proc polling fallback (pidFd=false). */
class PeerMonitorTest {
    /** Far above either path's bound (a wake-up; 50 ms polling), for a noisy 2-core machine. */
    private static final long REPORT_BOUND_MILLIS = 5_000;
    /** Long enough for several polling passes, to catch a second or a wrong report. */
    private static final long SETTLE_MILLIS = 6L * PeerMonitor.POLL_INTERVAL_MILLIS;

    @ParameterizedTest(name = "pidFd={0}")
    @ValueSource(booleans = {true, false})
    void reportsAChildKilledWithSigkillOnceAndBeforeItIsReaped(final boolean pidFd) throws Exception {
        final Process child = TestProcesses.startSleep();
        try (PeerMonitor monitor = monitor(pidFd)) {
            final ProcessIdentity peer = TestProcesses.identityOf(child);
            final Recorder recorder = new Recorder();
            final PeerRegistration registration = monitor.watch(peer, recorder);
            Thread.sleep(SETTLE_MILLIS);
            assertEquals(List.of(), recorder.deaths, "reports while the peer lives");
            assertTrue(registration.isActive());

            final long killedAt = System.nanoTime();
            child.destroyForcibly(); // SIGKILL; no waitFor before the report
            recorder.awaitFirst("kill -9 of " + peer);
            System.out.printf("pidFd=%s: kill -9 of a sleep reported after %.2f ms%n", pidFd,
                    (recorder.firstAtNanos - killedAt) / 1e6);
            Thread.sleep(SETTLE_MILLIS);
            assertEquals(List.of(peer), recorder.deaths, "reports of one death");
            assertTrue(registration.isReported());
            assertFalse(registration.cancel(), "cancel after the report");
            assertEquals(1, monitor.deathsReported());
        } finally {
            TestProcesses.killAndReap(child);
        }
    }

    @ParameterizedTest(name = "pidFd={0}")
    @ValueSource(booleans = {true, false})
    void reportsAPeerThatDiesAsAZombieNobodyReaps(final boolean pidFd) throws Exception {
        try (PeerMonitor monitor = monitor(pidFd);
                TestProcesses.ZombieParent parent = new TestProcesses.ZombieParent()) {
            final ProcessIdentity peer = ProcessIdentity.of(parent.grandchildPid).orElseThrow();
            final Recorder recorder = new Recorder();
            monitor.watch(peer, recorder);
            parent.killGrandchildToZombie();
            recorder.awaitFirst("death of " + peer + " (a zombie)");
            assertEquals('Z', TestProcesses.state(peer.pid()), "the peer is still an unreaped zombie");
            Thread.sleep(SETTLE_MILLIS);
            assertEquals(List.of(peer), recorder.deaths, "reports of one death");
        }
    }

    @ParameterizedTest(name = "pidFd={0}")
    @ValueSource(booleans = {true, false})
    void reportsAChildJvmKilledWithSigkill(final boolean pidFd) throws Exception {
        final Path output = Files.createTempFile("exo-peer-child", ".log");
        final Process child = TestProcesses.startChildJvm(output);
        try (PeerMonitor monitor = monitor(pidFd)) {
            final ProcessIdentity reported = TestProcesses.awaitReportedIdentity(child, output);
            assertEquals(ProcessIdentity.of(child.pid()).orElseThrow(), reported,
                    "the identity the child computed for itself, against the one /proc gives us");
            final Recorder recorder = new Recorder();
            monitor.watch(reported, recorder);
            final long killedAt = System.nanoTime();
            child.destroyForcibly();
            recorder.awaitFirst("kill -9 of child JVM " + reported);
            System.out.printf("pidFd=%s: kill -9 of a JVM reported after %.2f ms%n", pidFd,
                    (recorder.firstAtNanos - killedAt) / 1e6);
            Thread.sleep(SETTLE_MILLIS);
            assertEquals(List.of(reported), recorder.deaths, "reports of one death");
        } finally {
            TestProcesses.killAndReap(child);
            Files.deleteIfExists(output);
        }
    }

    @ParameterizedTest(name = "pidFd={0}")
    @ValueSource(booleans = {true, false})
    void reportsAPeerAlreadyDeadWhenRegisteredPromptly(final boolean pidFd) throws Exception {
        final Process child = TestProcesses.startSleep();
        final ProcessIdentity peer = TestProcesses.identityOf(child);
        TestProcesses.killAndReap(child);
        try (PeerMonitor monitor = monitor(pidFd)) {
            final Recorder recorder = new Recorder();
            final long watchedAt = System.nanoTime();
            monitor.watch(peer, recorder);
            recorder.awaitFirst("already dead " + peer);
            System.out.printf("pidFd=%s: already dead peer reported after %.2f ms%n", pidFd,
                    (recorder.firstAtNanos - watchedAt) / 1e6);
            Thread.sleep(SETTLE_MILLIS);
            assertEquals(List.of(peer), recorder.deaths);
        }
    }

    @ParameterizedTest(name = "pidFd={0}")
    @ValueSource(booleans = {true, false})
    void reportsAPeerWhosePidNowBelongsToAnotherProcess(final boolean pidFd) throws Exception {
        // Our own pid with another start time: the peer that held it is gone, we took it over.
        final ProcessIdentity self = ProcessIdentity.current();
        final ProcessIdentity previousHolder = new ProcessIdentity(self.pid(), Math.max(0, self.startTime() - 1));
        try (PeerMonitor monitor = monitor(pidFd)) {
            final Recorder recorder = new Recorder();
            monitor.watch(previousHolder, recorder);
            recorder.awaitFirst("death of " + previousHolder + ", whose pid is now ours");
            final PeerRegistration living = monitor.watch(self, new Recorder());
            Thread.sleep(SETTLE_MILLIS);
            assertEquals(List.of(previousHolder), recorder.deaths);
            assertTrue(living.isActive(), "this process must not be reported dead");
        }
    }

    @ParameterizedTest(name = "pidFd={0}")
    @ValueSource(booleans = {true, false})
    void aCancelledRegistrationIsNeverReported(final boolean pidFd) throws Exception {
        final Process child = TestProcesses.startSleep();
        try (PeerMonitor monitor = monitor(pidFd)) {
            final ProcessIdentity peer = TestProcesses.identityOf(child);
            final Recorder cancelled = new Recorder();
            final Recorder kept = new Recorder();
            final PeerRegistration registration = monitor.watch(peer, cancelled);
            monitor.watch(peer, kept);
            assertTrue(registration.cancel(), "first cancel");
            child.destroyForcibly();
            kept.awaitFirst("the other registration for " + peer);
            Thread.sleep(SETTLE_MILLIS);
            assertEquals(List.of(), cancelled.deaths, "reports to the cancelled registration");
            assertFalse(registration.isReported());
            assertFalse(registration.isActive());
            assertFalse(registration.cancel(), "second cancel");
        } finally {
            TestProcesses.killAndReap(child);
        }
    }

    @ParameterizedTest(name = "pidFd={0}")
    @ValueSource(booleans = {true, false})
    void onlyTheDeadPeerIsReportedAndAThrowingListenerDoesNotStopTheMonitor(final boolean pidFd) throws Exception {
        final Process first = TestProcesses.startSleep();
        final Process second = TestProcesses.startSleep();
        try (PeerMonitor monitor = monitor(pidFd)) {
            final ProcessIdentity firstPeer = TestProcesses.identityOf(first);
            final ProcessIdentity secondPeer = TestProcesses.identityOf(second);
            final Recorder firstRecorder = new Recorder();
            final Recorder secondRecorder = new Recorder();
            monitor.watch(firstPeer, peer -> {
                firstRecorder.onPeerDeath(peer);
                throw new IllegalStateException("listener failure (expected by the test)");
            });
            final PeerRegistration secondRegistration = monitor.watch(secondPeer, secondRecorder);

            first.destroyForcibly();
            firstRecorder.awaitFirst("death of " + firstPeer);
            Thread.sleep(SETTLE_MILLIS);
            assertEquals(List.of(), secondRecorder.deaths, "reports for the living peer");
            assertTrue(secondRegistration.isActive());
            assertEquals(1, monitor.listenerErrors(), "listener errors counted");

            second.destroyForcibly();
            secondRecorder.awaitFirst("death of " + secondPeer + " after a listener threw");
            assertEquals(List.of(firstPeer), firstRecorder.deaths);
            assertEquals(2, monitor.deathsReported());
        } finally {
            TestProcesses.killAndReap(first);
            TestProcesses.killAndReap(second);
        }
    }

    @ParameterizedTest(name = "pidFd={0}")
    @ValueSource(booleans = {true, false})
    void closeStopsTheThreadClosesItsDescriptorsAndRefusesNewPeers(final boolean pidFd) throws Exception {
        final Process[] children = {TestProcesses.startSleep(), TestProcesses.startSleep(), TestProcesses.startSleep()};
        try {
            final long fdsBefore = openDescriptors();
            final PeerMonitor monitor = monitor(pidFd);
            final Recorder recorder = new Recorder();
            final PeerRegistration cancelled = monitor.watch(TestProcesses.identityOf(children[0]), recorder);
            monitor.watch(TestProcesses.identityOf(children[1]), recorder);
            monitor.watch(TestProcesses.identityOf(children[2]), recorder);
            cancelled.cancel();
            monitor.close();
            assertFalse(monitor.isRunning(), "monitor thread after close");
            assertEquals(fdsBefore, openDescriptors(), "open descriptors after close, against before the monitor");
            assertThrows(IllegalStateException.class,
                    () -> monitor.watch(TestProcesses.identityOf(children[0]), recorder));
            monitor.close(); // idempotent
            children[1].destroyForcibly();
            Thread.sleep(SETTLE_MILLIS);
            assertEquals(List.of(), recorder.deaths, "reports after close");
        } finally {
            for (final Process child : children) {
                TestProcesses.killAndReap(child);
            }
        }
    }

    @Test
    void aListenerMayCloseItsMonitor() throws Exception {
        final Process child = TestProcesses.startSleep();
        try {
            final PeerMonitor monitor = new PeerMonitor();
            final Recorder recorder = new Recorder();
            monitor.watch(TestProcesses.identityOf(child), peer -> {
                monitor.close();
                recorder.onPeerDeath(peer);
            });
            child.destroyForcibly();
            recorder.awaitFirst("death of the child");
            final long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(REPORT_BOUND_MILLIS);
            while (monitor.isRunning() && System.nanoTime() - deadline < 0) {
                Thread.sleep(10);
            }
            assertFalse(monitor.isRunning(), "monitor thread after its listener closed it");
        } finally {
            TestProcesses.killAndReap(child);
        }
    }

    @Test
    void theFallbackIsSelectedByTheFlag() {
        try (PeerMonitor monitor = new PeerMonitor(false)) {
            assertFalse(monitor.usesPidFd());
        }
    }

    private static PeerMonitor monitor(final boolean pidFd) {
        final PeerMonitor monitor = new PeerMonitor(pidFd);
        if (pidFd && !monitor.usesPidFd()) {
            monitor.close();
            Assumptions.abort("this kernel refuses pidfd_open; only the polling fallback can be tested");
        }
        return monitor;
    }

    private static long openDescriptors() throws IOException {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.count();
        }
    }

    /** Records deaths in order, and when the first came. */
    private static final class Recorder implements PeerDeathListener {
        final List<ProcessIdentity> deaths = new CopyOnWriteArrayList<>();
        private final CountDownLatch first = new CountDownLatch(1);
        volatile long firstAtNanos;

        @Override
        public void onPeerDeath(final ProcessIdentity peer) {
            if (first.getCount() > 0) {
                firstAtNanos = System.nanoTime();
            }
            deaths.add(peer);
            first.countDown();
        }

        void awaitFirst(final String what) throws InterruptedException {
            assertTrue(first.await(REPORT_BOUND_MILLIS, TimeUnit.MILLISECONDS),
                    what + " was not reported within " + REPORT_BOUND_MILLIS + " ms");
        }
    }
}
