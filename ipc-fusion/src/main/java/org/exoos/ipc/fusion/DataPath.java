package org.exoos.ipc.fusion;

import org.agrona.concurrent.AtomicBuffer;
import org.exoos.ipc.fusion.data.DataRegion;

/**
 * Where a one-to-one ring's large payloads go: a {@link DataRegion} at {@code baseOffset} of
 * {@code buffer}, with the party numbers of the ring's producer and consumer. The ring attaches
 * one region instance per role, since an instance belongs to one thread.
 */
public record DataPath(AtomicBuffer buffer, int baseOffset, int producerParty, int consumerParty) {
    DataRegion attach() {
        return new DataRegion(buffer, baseOffset);
    }
}
