package org.exoos.ipc.fusion.liveness;

import java.util.Optional;

/**
 * A process named so that pid reuse cannot confuse it with another: its pid and its start time,
 * the 22nd field of {@code /proc/<pid>/stat} (clock ticks since boot). The kernel hands out a
 * pid again only after its previous holder is reaped, and the new holder starts later, so the
 * pair names at most one process in the life of a boot. A ring's control block stores its owner
 * and each peer as these two longs.
 *
 * <p>The pid is as seen in this process's pid namespace (that of the {@code /proc} mount).
 *
 * @param pid       the process id (thread group id), positive
 * @param startTime the start time in clock ticks since boot, as {@code /proc} reports it
 */
public record ProcessIdentity(long pid, long startTime) {
    public ProcessIdentity {
        if (pid <= 0) {
            throw new IllegalArgumentException("a pid must be positive, was " + pid);
        }
        if (startTime < 0) {
            throw new IllegalArgumentException("a start time cannot be negative, was " + startTime);
        }
    }

    /** This process. */
    public static ProcessIdentity current() {
        final long pid = ProcessHandle.current().pid();
        final ProcStat stat = ProcStat.read(pid);
        if (stat == null) {
            throw new IllegalStateException("cannot read /proc/" + pid + "/stat for this process;"
                    + " is /proc mounted, and for this pid namespace?");
        }
        return new ProcessIdentity(pid, stat.startTime());
    }

    /**
     * The live process that now holds {@code pid}, or empty if there is none: no such pid, or a
     * process that has exited and awaits reaping (a zombie).
     */
    public static Optional<ProcessIdentity> of(final long pid) {
        if (pid <= 0) {
            throw new IllegalArgumentException("a pid must be positive, was " + pid);
        }
        final ProcStat stat = ProcStat.read(pid);
        if (stat == null || stat.isDead()) {
            return Optional.empty();
        }
        return Optional.of(new ProcessIdentity(pid, stat.startTime()));
    }

    @Override
    public String toString() {
        return "pid " + pid + " (started at tick " + startTime + ")";
    }
}
