package org.exoos.ipc.fusion.liveness;

/** A peer JVM: prints its own identity, then sleeps until killed. */
public final class PeerChild {
    static final String IDENTITY_PREFIX = "IDENTITY ";

    private PeerChild() {
    }

    public static void main(final String[] args) throws InterruptedException {
        final ProcessIdentity self = ProcessIdentity.current();
        System.out.println(IDENTITY_PREFIX + self.pid() + " " + self.startTime());
        System.out.flush();
        Thread.sleep(60_000);
    }
}
