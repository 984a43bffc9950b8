package org.exoos.boot.bench.rings;

/**
 * Main class of the child JVMs of the cross-process transports: {@code RingEchoMain TRANSPORT ARGS...}.
 * Echoes until told to stop, until end of stream, or until the parent JVM is gone. Exit status
 * 0 on a clean stop, 1 with a stack trace on stderr otherwise.
 */
public final class RingEchoMain {
    private RingEchoMain() {
    }

    public static void main(final String[] args) {
        try {
            if (args.length == 0) {
                throw new IllegalArgumentException("usage: RingEchoMain TRANSPORT ARGS...");
            }
            switch (args[0]) {
                case "fusion_xproc", "fusion_futex", "fusion_futex_nospin" -> FusionCrossProcess.echoMain(args);
                case "agrona", "agrona_mpsc" -> AgronaCrossProcess.echoMain(args);
                case "chronicle" -> ChronicleCrossProcess.echoMain(args);
                case "uds" -> UnixSocketCrossProcess.echoMain(args);
                case "pipe" -> PipeCrossProcess.echoMain(args);
                default -> throw new IllegalArgumentException("no cross-process transport '" + args[0] + "'");
            }
        } catch (final Throwable t) {
            System.err.println("echo " + String.join(" ", args) + " failed:");
            t.printStackTrace();
            System.err.println("echo failed: " + t); // last, so the parent's error message shows it
            System.exit(1);
        }
        System.exit(0);
    }
}
