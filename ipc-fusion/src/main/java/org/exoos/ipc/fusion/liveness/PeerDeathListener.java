package org.exoos.ipc.fusion.liveness;

/** Told by a {@link PeerMonitor} that a watched peer has died. */
@FunctionalInterface
public interface PeerDeathListener {
    /**
     * Called once per registration, on the monitor's thread, after {@code peer} has exited (or was
     * already gone when it was registered). It must not block: other deaths wait behind it.
     */
    void onPeerDeath(ProcessIdentity peer);
}
