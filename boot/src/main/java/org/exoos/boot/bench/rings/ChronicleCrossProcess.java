package org.exoos.boot.bench.rings;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.wire.DocumentContext;

/**
 * {@code chronicle}: Chronicle Queue between two JVMs, one queue per direction under /dev/shm
 * (tmpfs, so no disk is involved), an appender on one side and a spinning tailer on the other.
 * Each message is one document holding the raw bytes.
 */
final class ChronicleCrossProcess implements RoundTripTransport {
    private static final int IDLE_CHECK_MASK = (1 << 16) - 1;

    private final int messageSize;
    private final byte[] message;
    private Path directory;
    private ChronicleQueue requestQueue;
    private ChronicleQueue replyQueue;
    private ExcerptAppender requests;
    private ExcerptTailer replies;
    private EchoChild child;
    private SpinWatch watch;

    ChronicleCrossProcess(final int messageSize) {
        this.messageSize = EchoProtocol.checkSize("chronicle", messageSize);
        this.message = EchoProtocol.newMessage(messageSize);
    }

    @Override
    public String name() {
        return "chronicle";
    }

    @Override
    public int messageSize() {
        return messageSize;
    }

    @Override
    public void start() throws IOException {
        final Path shm = Path.of("/dev/shm");
        final Path parent = Files.isDirectory(shm) ? shm : BenchPaths.benchDirectory();
        Files.createDirectories(parent);
        directory = Files.createTempDirectory(parent, "exo-bench-" + ProcessHandle.current().pid() + "-chronicle-");
        requestQueue = open(directory.resolve("requests"));
        replyQueue = open(directory.resolve("replies"));
        requests = requestQueue.createAppender();
        replies = replyQueue.createTailer();
        child = EchoChild.start("chronicle", false, directory.toString(), Integer.toString(messageSize));
        watch = new SpinWatch(child);
        ChildHandshake.hello(this, watch);
    }

    private static ChronicleQueue open(final Path path) {
        return SingleChronicleQueueBuilder.binary(path).build();
    }

    @Override
    public long roundTrip(final long sequence) {
        EchoProtocol.putSequence(message, sequence);
        try (DocumentContext document = requests.writingDocument()) {
            document.wire().bytes().write(message, 0, messageSize);
        }
        watch.reset();
        while (true) {
            try (DocumentContext document = replies.readingDocument()) {
                if (document.isPresent()) {
                    final Bytes<?> bytes = document.wire().bytes();
                    return bytes.readRemaining() == messageSize ? bytes.readLong(bytes.readPosition()) : Long.MIN_VALUE;
                }
            }
            watch.idle();
        }
    }

    @Override
    public void close() {
        if (child != null) {
            child.stop(this, watch);
        }
        if (requestQueue != null) {
            requestQueue.close();
        }
        if (replyQueue != null) {
            replyQueue.close();
        }
        if (directory != null) {
            deleteRecursively(directory);
        }
    }

    private static void deleteRecursively(final Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (final IOException e) {
            // best effort: the directory name carries this pid
        }
    }

    /** The child's side: {@code DIRECTORY MESSAGE_SIZE}. */
    static void echoMain(final String[] args) {
        final Path directory = Path.of(args[1]);
        try (ChronicleQueue requestQueue = open(directory.resolve("requests"));
             ChronicleQueue replyQueue = open(directory.resolve("replies"))) {
            echo(requestQueue.createTailer(), replyQueue.createAppender(), Integer.parseInt(args[2]),
                ChildHandshake::parentAlive);
        }
    }

    private static void echo(final ExcerptTailer requests, final ExcerptAppender replies, final int messageSize,
                             final BooleanSupplier keepGoing) {
        final byte[] copy = new byte[messageSize];
        int idle = 0;
        while (true) {
            int length = -1;
            try (DocumentContext document = requests.readingDocument()) {
                if (document.isPresent()) {
                    length = document.wire().bytes().read(copy, 0, messageSize);
                }
            }
            if (length < 0) {
                SpinWatch.pause(++idle);
                if ((idle & IDLE_CHECK_MASK) == 0 && !keepGoing.getAsBoolean()) {
                    return;
                }
                continue;
            }
            idle = 0;
            try (DocumentContext document = replies.writingDocument()) {
                document.wire().bytes().write(copy, 0, length);
            }
            if (length >= EchoProtocol.MIN_MESSAGE_SIZE && EchoProtocol.sequence(copy) == EchoProtocol.STOP) {
                return;
            }
        }
    }
}
