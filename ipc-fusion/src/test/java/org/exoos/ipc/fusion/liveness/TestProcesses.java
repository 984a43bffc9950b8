package org.exoos.ipc.fusion.liveness;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Child processes for liveness tests: sleepers, a zombie, a JVM. */
final class TestProcesses {
    private static final long WAIT_MILLIS = 10_000;

    private TestProcesses() {
    }

    /** {@code sleep 60}; the caller kills it. */
    static Process startSleep() throws IOException {
        return new ProcessBuilder("sleep", "60").redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    }

    static ProcessIdentity identityOf(final Process process) {
        return ProcessIdentity.of(process.pid())
                .orElseThrow(() -> new AssertionError("child " + process.pid() + " is not alive just after start"));
    }

    /** SIGKILL, then wait until the JDK has reaped it (for tests that want it gone, not a zombie). */
    static void killAndReap(final Process process) throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(WAIT_MILLIS, TimeUnit.MILLISECONDS)) {
            throw new AssertionError("child " + process.pid() + " did not exit after SIGKILL");
        }
    }

    /** SIGKILL to any process by pid, as kill -9 does. */
    static void sigkill(final long pid) {
        ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
    }

    /** The state letter of {@code pid} from /proc, or 0 if it is gone. */
    static char state(final long pid) {
        final ProcStat stat = ProcStat.read(pid);
        return stat == null ? 0 : stat.state();
    }

    /**
     * A grandchild {@code sleep} whose parent never reaps it, so that once killed it stays a
     * zombie for as long as the test likes: {@code sh -c 'sleep 60 & exec sleep 60'} leaves the
     * background sleep the child of a plain {@code sleep}, which never calls wait. (A direct child
     * would not do: the JDK's process reaper thread waits for every child it starts.)
     */
    static final class ZombieParent implements AutoCloseable {
        final Process parent;
        final long grandchildPid;

        ZombieParent() throws IOException, InterruptedException {
            parent = new ProcessBuilder("/bin/sh", "-c", "sleep 60 & exec sleep 60")
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            final Path comm = Path.of("/proc", Long.toString(parent.pid()), "comm");
            final long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(WAIT_MILLIS);
            while (true) {
                // Only once the shell has exec'd is there no shell left that might reap.
                final List<ProcessHandle> children = parent.children().toList();
                if (children.size() == 1 && Files.readString(comm).trim().equals("sleep")) {
                    grandchildPid = children.getFirst().pid();
                    return;
                }
                if (System.nanoTime() - deadline > 0 || !parent.isAlive()) {
                    parent.destroyForcibly();
                    throw new AssertionError("sh did not exec sleep with one background child; children "
                            + children);
                }
                Thread.sleep(5);
            }
        }

        /** Kills the grandchild and waits until it is a zombie. */
        void killGrandchildToZombie() throws InterruptedException {
            sigkill(grandchildPid);
            final long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(WAIT_MILLIS);
            char state;
            while ((state = state(grandchildPid)) != 'Z') {
                if (state == 0) {
                    throw new AssertionError("grandchild " + grandchildPid + " was reaped; its parent "
                            + parent.pid() + " was meant never to wait");
                }
                if (System.nanoTime() - deadline > 0) {
                    throw new AssertionError("grandchild " + grandchildPid + " still not dead after SIGKILL, state "
                            + state);
                }
                Thread.sleep(5);
            }
        }

        /** Kills the parent; the zombie passes to init (or a subreaper), which reaps it. */
        @Override
        public void close() {
            sigkill(grandchildPid);
            parent.destroyForcibly();
            try {
                parent.waitFor(WAIT_MILLIS, TimeUnit.MILLISECONDS);
            } catch (final InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** A JVM running {@link PeerChild} with this JVM's classpath and the project's flags. */
    static Process startChildJvm(final Path output) throws IOException {
        final List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command()
                .orElseGet(() -> Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        final Path jvmOptions = findJvmOptions();
        command.add(jvmOptions != null ? "@" + jvmOptions : "--enable-native-access=ALL-UNNAMED");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(PeerChild.class.getName());
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
    }

    /** Waits for the child's "IDENTITY pid start" line. */
    static ProcessIdentity awaitReportedIdentity(final Process child, final Path output)
            throws IOException, InterruptedException {
        final long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(WAIT_MILLIS);
        while (System.nanoTime() - deadline < 0) {
            for (final String line : Files.readAllLines(output)) {
                if (line.startsWith(PeerChild.IDENTITY_PREFIX)) {
                    final String[] parts = line.substring(PeerChild.IDENTITY_PREFIX.length()).trim().split(" ");
                    return new ProcessIdentity(Long.parseLong(parts[0]), Long.parseLong(parts[1]));
                }
            }
            if (!child.isAlive()) {
                throw new AssertionError("child JVM exited " + child.exitValue() + ":\n" + Files.readString(output));
            }
            Thread.sleep(20);
        }
        throw new AssertionError("child JVM reported no identity in time:\n" + Files.readString(output));
    }

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
