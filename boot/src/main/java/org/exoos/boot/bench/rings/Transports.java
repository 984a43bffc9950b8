package org.exoos.boot.bench.rings;

import java.util.List;

/**
 * The transports of the ring-latency benchmark, by name. In-process ones run their echo in a
 * second thread of this JVM; cross-process ones in a child JVM ({@link RingEchoMain}).
 */
public final class Transports {
    /** Every transport, in the order the benchmark runs them: the floor first. */
    public static final List<String> NAMES = List.of(
        "cacheline", "fusion", "fusion_mpsc", "jctools", "jctools_mpsc",
        "fusion_xproc", "agrona", "agrona_mpsc", "fusion_futex", "fusion_futex_nospin",
        "chronicle", "uds", "pipe");

    private Transports() {
    }

    /**
     * A new, not yet started transport for {@code messageSize}-byte messages.
     *
     * @throws IllegalArgumentException for an unknown name or a size below 8 bytes
     * @throws UnsupportedOperationException for a size the transport cannot carry yet
     */
    public static RoundTripTransport create(final String name, final int messageSize) {
        return switch (name) {
            case "cacheline" -> new CacheLinePingPong(messageSize);
            case "fusion" -> new FusionInProcess(name, messageSize, false);
            case "fusion_mpsc" -> new FusionInProcess(name, messageSize, true);
            case "jctools" -> new JctoolsInProcess(name, messageSize, false);
            case "jctools_mpsc" -> new JctoolsInProcess(name, messageSize, true);
            case "fusion_xproc" -> new FusionCrossProcess(name, messageSize, -1);
            case "fusion_futex" -> new FusionCrossProcess(name, messageSize, FusionCrossProcess.FUTEX_SPINS);
            case "fusion_futex_nospin" -> new FusionCrossProcess(name, messageSize, 0);
            case "agrona" -> new AgronaCrossProcess(name, messageSize, false);
            case "agrona_mpsc" -> new AgronaCrossProcess(name, messageSize, true);
            case "chronicle" -> new ChronicleCrossProcess(messageSize);
            case "uds" -> new UnixSocketCrossProcess(messageSize);
            case "pipe" -> new PipeCrossProcess(messageSize);
            default -> throw new IllegalArgumentException("no transport '" + name + "' (transports: "
                + String.join(", ", NAMES) + ")");
        };
    }
}
