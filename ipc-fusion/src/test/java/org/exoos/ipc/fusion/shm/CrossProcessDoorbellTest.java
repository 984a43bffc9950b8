package org.exoos.ipc.fusion.shm;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

class CrossProcessDoorbellTest {
    private static final long BOUND = TimeUnit.SECONDS.toNanos(30);

    @Test
    void aChildJvmAnswersAThousandPingsThroughDoorbellsInSharedMemory() throws Exception {
        final String name = SharedRegionTest.uniqueName("pingpong");
        final Path childOutput = Files.createTempFile("exo-doorbell-child", ".log");
        Process child = null;
        try (SharedRegion region = SharedRegion.create(name, PingPongLayout.SIZE)) {
            final Doorbell ping = new Doorbell(region.segment(), PingPongLayout.PING_DOORBELL_OFFSET);
            final Doorbell pong = new Doorbell(region.segment(), PingPongLayout.PONG_DOORBELL_OFFSET);
            child = new ProcessBuilder(childCommand(name))
                    .redirectErrorStream(true)
                    .redirectOutput(childOutput.toFile())
                    .start();
            final long deadline = System.nanoTime() + BOUND;
            long seen = 0;
            for (long i = 1; i <= PingPongLayout.ROUND_TRIPS; i++) {
                region.buffer().putLongVolatile(PingPongLayout.REQUEST_OFFSET, i);
                ping.ring();
                long now;
                while ((now = pong.await(seen, 100, TimeUnit.MILLISECONDS.toNanos(100))) == seen) {
                    if (!child.isAlive() || System.nanoTime() - deadline > 0) {
                        fail("no pong for ping " + i + " (child " + (child.isAlive() ? "alive" : "exited "
                                + child.exitValue()) + "); child output:\n" + Files.readString(childOutput));
                    }
                }
                seen = now;
                assertEquals(PingPongLayout.replyTo(i), region.buffer().getLongVolatile(PingPongLayout.REPLY_OFFSET),
                        "reply to ping " + i);
            }
            final long remaining = Math.max(deadline - System.nanoTime(), TimeUnit.SECONDS.toNanos(5));
            assertTrue(child.waitFor(remaining, TimeUnit.NANOSECONDS),
                    "child did not exit after the last pong; output:\n" + Files.readString(childOutput));
            assertEquals(0, child.exitValue(), "child exit status; output:\n" + Files.readString(childOutput));
        } finally {
            if (child != null && child.isAlive()) {
                child.destroyForcibly();
                child.waitFor(10, TimeUnit.SECONDS);
            }
            Files.deleteIfExists(SharedRegion.pathOf(name));
            Files.deleteIfExists(childOutput);
        }
    }

    /** This JVM's java binary, classpath and the project's JVM flags, running the child main. */
    private static List<String> childCommand(final String regionName) throws IOException {
        final List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command()
                .orElseGet(() -> Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        final Path jvmOptions = findJvmOptions();
        if (jvmOptions != null) {
            command.add("@" + jvmOptions);
        } else {
            command.add("--enable-native-access=ALL-UNNAMED");
        }
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(DoorbellPongChild.class.getName());
        command.add(regionName);
        return command;
    }

    /** The project's jvm.options, searched upward from the working directory (the module's, under surefire). */
    private static Path findJvmOptions() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            final Path candidate = dir.resolve("jvm.options");
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        return null;
    }
}
