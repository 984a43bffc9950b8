package org.exoos.servers.tty.service;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.agrona.concurrent.UnsafeBuffer;
import org.exoos.ipc.fusion.channel.ChannelGeometry;
import org.exoos.servers.framework.Isolation;
import org.exoos.servers.framework.ServerClient;
import org.exoos.servers.framework.ServerHandle;
import org.exoos.servers.framework.ServerSpec;
import org.exoos.servers.framework.Service;
import org.exoos.servers.framework.ServiceFactory;
import org.exoos.servers.framework.ServiceRegistry;
import org.exoos.servers.framework.Supervisor;
import org.exoos.servers.protocol.Errno;
import org.exoos.servers.protocol.Protocol;
import org.exoos.servers.tty.Termios;
import org.exoos.servers.tty.TtyIoctl;
import org.exoos.servers.tty.TtySignalListener;
import org.exoos.servers.tty.WinSize;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The tty server hosted in a thread over a {@link MemoryBackend}, driven through {@link TtyClient}. */
class TtyServiceTest {
    private static final long TIMEOUT = TimeUnit.SECONDS.toNanos(5);
    static final ChannelGeometry GEOMETRY = new ChannelGeometry(64, true, 4096, 16);

    private final MemoryBackend backend = new MemoryBackend(24, 80);
    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[4096]);
    private volatile TtyService service;
    private Supervisor supervisor;
    private ServerHandle handle;
    private TtyClient tty;

    @BeforeEach
    void start() throws Exception {
        final ServiceFactory factory = new ServiceFactory() {
            @Override
            public String name() {
                return TtyServiceFactory.NAME;
            }

            @Override
            public Protocol protocol() {
                return TtyCodec.PROTOCOL;
            }

            @Override
            public Service create(final Map<String, String> options) {
                service = new TtyService(backend);
                return service;
            }
        };
        supervisor = new Supervisor(new ServiceRegistry().register(factory));
        handle = supervisor.start(ServerSpec.of("tty", Isolation.THREAD).withGeometry(GEOMETRY));
        tty = new TtyClient(handle.client());
    }

    @AfterEach
    void stop() {
        supervisor.close();
    }

    private String text(final long length) {
        assertTrue(length >= 0, "result " + length);
        return buffer.getStringWithoutLengthAscii(0, (int) length);
    }

    private static void eventually(final BooleanSupplier condition, final String what) throws InterruptedException {
        final long deadline = System.nanoTime() + TIMEOUT;
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "timed out waiting for " + what);
            Thread.sleep(1);
        }
    }

    @Test
    void canonicalReadReturnsOneLineAndEchoes() throws Exception {
        backend.feed("abc\ndef\n");
        assertEquals("abc\n", text(tty.read(buffer, 0, 100, false, TIMEOUT)));
        assertEquals("def\n", text(tty.read(buffer, 0, 100, false, TIMEOUT)));
        eventually(() -> backend.outputText().equals("abc\r\ndef\r\n"), "echo, got " + backend.outputText());
    }

    @Test
    void readIsDeferredUntilInputArrives() throws Exception {
        final long id = tty.sendRead(100, false);
        assertTrue(id > 0);
        eventually(() -> service != null && service.pendingReadCount() == 1, "the read to be deferred");
        backend.feed("hel");
        Thread.sleep(20);
        assertEquals(1, service.pendingReadCount(), "no whole line yet");
        backend.feed("lo\n");
        assertEquals("hello\n", text(tty.awaitRead(id, buffer, 0, TIMEOUT)));
    }

    @Test
    void nonBlockingReadWithNoInputIsEagainAndCancelIsEintr() throws Exception {
        assertEquals(-Errno.EAGAIN, tty.read(buffer, 0, 10, true, TIMEOUT));
        final long id = tty.sendRead(10, false);
        eventually(() -> service.pendingReadCount() == 1, "the read to be deferred");
        assertTrue(handle.client().cancel(id));
        assertEquals(-Errno.EINTR, tty.awaitRead(id, buffer, 0, TIMEOUT));
    }

    @Test
    void rawModeAfterTcsetsReturnsEachByte() {
        final Termios termios = new Termios();
        assertEquals(0, tty.getTermios(termios, TIMEOUT));
        assertEquals(new Termios().setDefaults(), termios);
        termios.lflag &= ~(Termios.ICANON | Termios.ECHO);
        termios.cc(Termios.VMIN, 1).cc(Termios.VTIME, 0);
        assertEquals(0, tty.setTermios(TtyIoctl.TCSETS, termios, TIMEOUT));

        final Termios now = new Termios();
        assertEquals(0, tty.getTermios(now, TIMEOUT));
        assertEquals(0, now.lflag & Termios.ICANON);

        backend.feed("x");
        assertEquals("x", text(tty.read(buffer, 0, 100, false, TIMEOUT)));
        assertEquals("", backend.outputText(), "no echo");
    }

    @Test
    void controlCIsReportedAsSigintToTheForegroundGroup() {
        assertEquals(0, tty.ioctl(TtyIoctl.TIOCSPGRP, 42, TIMEOUT));
        assertEquals(42, tty.ioctl(TtyIoctl.TIOCGPGRP, 0, TIMEOUT));
        final int[] pairs = new int[8];
        assertEquals(0, tty.signals(pairs, false, TIMEOUT));

        final long waiting = tty.sendSignalsWait();
        assertTrue(waiting > 0);
        backend.feed("ab\u0003");
        final int[] seen = new int[3];
        final long result = handle.client().await(waiting, TIMEOUT, reply -> {
            seen[0] = (int) reply.result();
            seen[1] = TtyCodec.decodeSignal(reply.buffer(), reply.argumentsOffset(), 0);
            seen[2] = TtyCodec.decodeSignalGroup(reply.buffer(), reply.argumentsOffset(), 0);
        });
        assertEquals(1, result);
        assertArrayEquals(new int[] {1, TtySignalListener.SIGINT, 42}, seen);
        // ISIG flushed the line being edited: nothing to read
        assertEquals(0, tty.ioctl(TtyIoctl.FIONREAD, 0, TIMEOUT));
    }

    @Test
    void windowSizeComesFromTheBackendAndChangesRaiseSigwinch() {
        final WinSize size = new WinSize();
        assertEquals(0, tty.getWindowSize(size, TIMEOUT));
        assertEquals(new WinSize(24, 80), size);
        final int[] pairs = new int[8];
        assertEquals(0, tty.signals(pairs, false, TIMEOUT), "the initial size raises nothing");

        assertEquals(0, tty.ioctl(TtyIoctl.TIOCSPGRP, 7, TIMEOUT));
        assertEquals(0, tty.setWindowSize(new WinSize(50, 132), TIMEOUT));
        assertEquals(0, tty.getWindowSize(size, TIMEOUT));
        assertEquals(new WinSize(50, 132), size);
        assertEquals(1, tty.signals(pairs, false, TIMEOUT));
        assertEquals(TtySignalListener.SIGWINCH, pairs[0]);
        assertEquals(7, pairs[1]);
    }

    @Test
    void writeTurnsNewlineIntoCrLfUnderOnlcr() throws Exception {
        final byte[] hello = "hi\nthere\n".getBytes(StandardCharsets.US_ASCII);
        assertEquals(hello.length, tty.write(new UnsafeBuffer(hello), 0, hello.length, false, TIMEOUT));
        assertEquals("hi\r\nthere\r\n", backend.outputText());

        final Termios termios = new Termios();
        tty.getTermios(termios, TIMEOUT);
        termios.oflag &= ~Termios.OPOST;
        assertEquals(0, tty.setTermios(TtyIoctl.TCSETSW, termios, TIMEOUT));
        backend.clearOutput();
        assertEquals(3, tty.write(new UnsafeBuffer("a\nb".getBytes(StandardCharsets.US_ASCII)), 0, 3, false, TIMEOUT));
        assertEquals("a\nb", backend.outputText());
    }

    @Test
    void fionreadCountsCompleteLinesInCanonicalMode() {
        backend.feed("ab\ncd");
        assertEquals(3, tty.ioctl(TtyIoctl.FIONREAD, 0, TIMEOUT));
        assertEquals(0, tty.ioctl(TtyIoctl.TCFLSH, TtyIoctl.TCIFLUSH, TIMEOUT));
        assertEquals(0, tty.ioctl(TtyIoctl.FIONREAD, 0, TIMEOUT));
        assertEquals(-Errno.EINVAL, tty.ioctl(TtyIoctl.TCFLSH, 9, TIMEOUT));
        assertEquals(-Errno.ENOTTY, tty.ioctl(0x1234, 0, TIMEOUT));
    }

    @Test
    void pollReportsReadableOnlyOnceALineIsComplete() throws Exception {
        final int in = 0x001;
        final int out = 0x004;
        assertEquals(out, tty.poll(in | out, TIMEOUT));
        backend.feed("x\n");
        assertEquals(in | out, tty.poll(in | out, TIMEOUT));
    }

    @Test
    void endOfInputHangsUpAndReadsReturnZero() throws Exception {
        final long id = tty.sendRead(10, false);
        eventually(() -> service.pendingReadCount() == 1, "the read to be deferred");
        backend.endInput();
        assertEquals(0, tty.awaitRead(id, buffer, 0, TIMEOUT));
        assertEquals(-Errno.EIO, tty.write(new UnsafeBuffer(new byte[1]), 0, 1, false, TIMEOUT));
    }

    @Test
    void vtimeWithoutVminReturnsZeroWhenTheTimerExpires() {
        final Termios termios = new Termios();
        tty.getTermios(termios, TIMEOUT);
        termios.lflag &= ~Termios.ICANON;
        termios.cc(Termios.VMIN, 0).cc(Termios.VTIME, 1); // 0.1 s
        assertEquals(0, tty.setTermios(TtyIoctl.TCSETS, termios, TIMEOUT));
        final long start = System.nanoTime();
        assertEquals(0, tty.read(buffer, 0, 10, false, TIMEOUT));
        assertTrue(System.nanoTime() - start >= TimeUnit.MILLISECONDS.toNanos(90), "waited for VTIME");
    }

    @Test
    void outputStoppedByControlSResumesOnControlQ() throws Exception {
        backend.feed("\u0013");
        assertEquals(0, tty.ioctl(TtyIoctl.FIONREAD, 0, TIMEOUT)); // the STOP character was consumed
        assertEquals(3, tty.write(new UnsafeBuffer("abc".getBytes(StandardCharsets.US_ASCII)), 0, 3, false, TIMEOUT));
        assertEquals("", backend.outputText());
        assertEquals(3, tty.ioctl(TtyIoctl.TIOCOUTQ, 0, TIMEOUT));
        backend.feed("\u0011");
        eventually(() -> backend.outputText().equals("abc"), "output after ^Q, got " + backend.outputText());
    }

    @Test
    void clientOfTheTtyProtocolOnly() {
        final ServerClient other = new ServerClient("x", org.exoos.servers.protocol.EchoCodec.PROTOCOL, null);
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> new TtyClient(other));
    }
}
