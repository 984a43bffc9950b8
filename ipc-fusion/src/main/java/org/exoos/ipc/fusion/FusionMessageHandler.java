package org.exoos.ipc.fusion;

/** Receives messages drained from a fusion ring. */
@FunctionalInterface
public interface FusionMessageHandler {
    /**
     * Called once per valid message. {@code message} is a reused flyweight, valid only for the
     * duration of the call: copy out what must outlive it.
     */
    void onMessage(SlotView message);
}
