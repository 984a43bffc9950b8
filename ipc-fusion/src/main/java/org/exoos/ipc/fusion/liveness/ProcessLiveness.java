package org.exoos.ipc.fusion.liveness;

/**
 * Whether a process named by {@link ProcessIdentity} still runs, judged from
 * {@code /proc/<pid>/stat}: it must exist, carry the same start time (else the pid was reused by
 * another process), and not be dead ('X') or a zombie ('Z': exited, not yet reaped by its
 * parent; a child that was SIGKILLed and not yet waited for looks like this).
 *
 * <p>Each call reads one small file, a few hundred bytes of garbage; this is for attach time
 * and for {@link PeerMonitor}'s fallback polling, not for a hot path.
 *
 * <p>With {@code /proc} mounted {@code hidepid=1|2}, processes of other users look dead: peers
 * must then run as the same user.
 */
public final class ProcessLiveness {
    private ProcessLiveness() {
    }

    /** Whether {@code process} is alive now. */
    public static boolean isAlive(final ProcessIdentity process) {
        return isAlive(process, ProcStat.read(process.pid()));
    }

    /** The decision, given what {@code /proc/<pid>/stat} said (null: no such file). */
    static boolean isAlive(final ProcessIdentity process, final ProcStat stat) {
        return stat != null && stat.startTime() == process.startTime() && !stat.isDead();
    }
}
