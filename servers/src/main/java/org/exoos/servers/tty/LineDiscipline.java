package org.exoos.servers.tty;

import static org.exoos.servers.tty.Termios.*;

import java.util.Arrays;

import org.agrona.BitUtil;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * Linux's N_TTY line discipline (drivers/tty/n_tty.c) for one terminal, as pure logic: bytes from
 * the device go in through {@link #receive}, the program reads with {@link #tryRead} and writes
 * with {@link #write}, and the device takes what to display from {@link #drainOutput}. Nothing
 * here blocks, sleeps or reads a clock; the server loop that owns it supplies the times and does
 * the waiting. Single-threaded; no allocation after construction.
 *
 * <h2>Queues</h2>
 * <ul>
 *   <li>Read queue: 4096 bytes (N_TTY_BUF_SIZE) with one flag bit per byte marking a line end,
 *       the same running counters as Linux (readTail ≤ canonHead ≤ readHead). In canonical mode
 *       bytes up to canonHead are complete lines; the rest is the line being edited. An EOF
 *       character is stored as a flagged NUL and never returned. Room follows
 *       n_tty_receive_buf_common: non-canonical input stops at 4095 bytes, and a canonical line
 *       with no complete line before it keeps accepting input by overwriting its last byte, so
 *       erase and newline still work.</li>
 *   <li>Echo queue: 4096 bytes of echo characters and column operations, processed into the
 *       output queue when there is room (as __process_echoes), so columns are tracked as bytes
 *       really leave.</li>
 *   <li>Output queue: what the program wrote after OPOST processing, plus echoes, for the
 *       device. Its capacity is this terminal's write room.</li>
 * </ul>
 *
 * <h2>What is not modelled</h2>
 * Parity, framing and break conditions (a virtual device has none), EXTPROC and packet mode
 * (pty only), throttling (the caller keeps what {@link #receive} refuses), job-control checks
 * (TOSTOP, SIGTTIN/SIGTTOU) and permission checks, which belong to the server.
 */
public final class LineDiscipline {
    /** Size of the read queue and of the echo queue, as Linux's N_TTY_BUF_SIZE. */
    public static final int N_TTY_BUF_SIZE = 4096;
    /** Default output queue capacity (bytes). */
    public static final int DEFAULT_OUTPUT_CAPACITY = 16 * 1024;
    /** poll reports POLLOUT only while fewer than this many bytes are queued (WAKEUP_CHARS). */
    public static final int WAKEUP_CHARS = 256;
    /** {@link #tryRead} result: nothing to return yet; see {@link #readDeadlineNanos()}. */
    public static final int READ_WAIT = -1;
    /** {@link #readDeadlineNanos()} when only new input (or a signal) can end the wait. */
    public static final long NO_DEADLINE = Long.MAX_VALUE;
    /** VTIME counts tenths of a second. */
    public static final long NANOS_PER_VTIME_UNIT = 100_000_000L;

    private static final int MASK = N_TTY_BUF_SIZE - 1;

    // Echo-queue operation codes (n_tty.c). A 0xff byte starts an operation; the next byte is one
    // of these or a control character to echo as ^X.
    private static final int ECHO_OP_START = 0xff;
    private static final int ECHO_OP_MOVE_BACK_COL = 0x80;
    private static final int ECHO_OP_SET_CANON_COL = 0x81;
    private static final int ECHO_OP_ERASE_TAB = 0x82;
    /** Within a receive batch, echo is written out once this much has accumulated. */
    private static final int ECHO_COMMIT_WATERMARK = 256;
    /** Pending echo beyond this is dropped from the oldest end (ECHO_DISCARD_WATERMARK). */
    private static final int ECHO_DISCARD_WATERMARK = N_TTY_BUF_SIZE - (256 + 32);

    private final TtySignalListener signals;
    private final Termios termios = new Termios();
    private final Termios scratchTermios = new Termios();
    private final WinSize windowSize = new WinSize();
    private int foregroundProcessGroup;
    private int session;
    private boolean hungUp;

    // ---- Read queue (n_tty_data) ----
    private final byte[] readBuf = new byte[N_TTY_BUF_SIZE];
    private final long[] readFlags = new long[N_TTY_BUF_SIZE / 64];
    private int readHead;
    private int readTail;
    private int canonHead;
    /** Characters that need more than queueing, for the current termios (char_map). */
    private final long[] charMap = new long[4];
    private boolean icanon;
    /** No input processing at all: bytes are queued as they come. */
    private boolean raw;
    /** The previous character was VLNEXT: take the next one literally. */
    private boolean lnext;
    /** Inside an ECHOPRT "\...\/" erase sequence. */
    private boolean erasing;

    // ---- Echo queue and output columns ----
    private final byte[] echoBuf = new byte[N_TTY_BUF_SIZE];
    private int echoHead;
    private int echoTail;
    private int column;
    private int canonColumn;

    // ---- Output queue ----
    private final byte[] outBuf;
    private final int outMask;
    private int outHead;
    private int outTail;
    /** Output suspended by the STOP character or by TCOOFF. */
    private boolean stopped;
    /** Output suspended by TCOOFF; only TCOON resumes it. */
    private boolean tcoStopped;

    private long readDeadlineNanos = NO_DEADLINE;

    public LineDiscipline(final TtySignalListener signals) {
        this(DEFAULT_OUTPUT_CAPACITY, signals);
    }

    /**
     * @param outputCapacity output queue size in bytes, a power of two of at least 16
     * @param signals        where ISIG characters and window-size changes are reported
     */
    public LineDiscipline(final int outputCapacity, final TtySignalListener signals) {
        if (outputCapacity < 16 || !BitUtil.isPowerOfTwo(outputCapacity)) {
            throw new IllegalArgumentException("output capacity must be a power of two >= 16: " + outputCapacity);
        }
        this.signals = signals == null ? TtySignalListener.NONE : signals;
        this.outBuf = new byte[outputCapacity];
        this.outMask = outputCapacity - 1;
        applyTermios(true, 0, 0);
    }

    // =====================================================================================
    // termios, window size, process group
    // =====================================================================================

    /** Copies the current termios into {@code dst} (TCGETS). */
    public Termios termios(final Termios dst) {
        return dst.copyFrom(termios);
    }

    /** Writes the current termios, 36 bytes, at {@code offset} (TCGETS). */
    public int encodeTermios(final MutableDirectBuffer buffer, final int offset) {
        return termios.encode(buffer, offset);
    }

    /**
     * Sets the termios (TCSETS). For TCSETSW the caller first waits until
     * {@link #outputQueued()} is 0; for TCSETSF it also calls {@link #flushInput()} first.
     *
     * <p>As for a tty driver without a set_termios method (the virtual console), only HUPCL,
     * CREAD and CLOCAL of c_cflag can change; the baud rate, character size and parity stay
     * (tty_termios_copy_hw). All other fields, c_line included, are stored as given.
     */
    public void setTermios(final Termios requested) {
        final int oldIflag = termios.iflag;
        final int oldLflag = termios.lflag;
        final int oldCflag = termios.cflag;
        termios.copyFrom(requested);
        final int soft = HUPCL | CREAD | CLOCAL;
        termios.cflag = (requested.cflag & soft) | (oldCflag & ~soft);
        applyTermios(false, oldIflag, oldLflag);
    }

    /** Decodes a 36-byte struct termios at {@code offset} and sets it, as {@link #setTermios(Termios)}. */
    public void setTermios(final DirectBuffer buffer, final int offset) {
        setTermios(scratchTermios.decode(buffer, offset));
    }

    /** Copies the window size into {@code dst} (TIOCGWINSZ). */
    public WinSize windowSize(final WinSize dst) {
        return dst.copyFrom(windowSize);
    }

    /**
     * Sets the window size (TIOCSWINSZ, or the device reporting a resize). If it differs from the
     * current one, reports SIGWINCH for the foreground process group (tty_do_resize).
     */
    public void setWindowSize(final WinSize size) {
        if (windowSize.equals(size)) return;
        windowSize.copyFrom(size);
        signals.onSignal(TtySignalListener.SIGWINCH, foregroundProcessGroup);
    }

    /** Foreground process group (TIOCGPGRP); 0 if none. */
    public int foregroundProcessGroup() {
        return foregroundProcessGroup;
    }

    /** Sets the foreground process group (TIOCSPGRP). Permission checks are the caller's. */
    public void foregroundProcessGroup(final int processGroup) {
        foregroundProcessGroup = processGroup;
    }

    /** The session this terminal controls (TIOCGSID); 0 if none. */
    public int session() {
        return session;
    }

    /** Records the controlling session (TIOCSCTTY sets it, TIOCNOTTY by the leader clears it). */
    public void session(final int sessionId) {
        session = sessionId;
    }

    /**
     * The device went away: reads that would wait return 0 (end of file) instead, and poll
     * reports readable. Writes to a hung-up terminal fail with EIO; the server does that.
     */
    public void hangUp() {
        hungUp = true;
    }

    public boolean isHungUp() {
        return hungUp;
    }

    // =====================================================================================
    // Input side
    // =====================================================================================

    /**
     * Takes one byte from the device. Returns false if the read queue has no room; the caller
     * keeps the byte and offers it again after a read (the device is throttled).
     */
    public boolean receive(final byte b) {
        if (!makeRoom()) return false;
        receiveChar(b & 0xff);
        flushEchoes();
        return true;
    }

    /**
     * Takes bytes from the device; returns how many were taken (fewer than {@code length} when
     * the read queue is full; the caller keeps the rest). Echo reaches the output queue at the
     * end of the batch and every 256 bytes of echo within it, as n_tty does; so an ISIG character
     * discards the echo of the bytes before it in the same batch, as on Linux.
     */
    public int receive(final DirectBuffer src, final int offset, final int length) {
        int n = 0;
        while (n < length && makeRoom()) {
            receiveChar(src.getByte(offset + n) & 0xff);
            commitEchoes();
            n++;
        }
        flushEchoes();
        return n;
    }

    /** Same as {@link #receive(DirectBuffer, int, int)} over an array. */
    public int receive(final byte[] src, final int offset, final int length) {
        int n = 0;
        while (n < length && makeRoom()) {
            receiveChar(src[offset + n] & 0xff);
            commitEchoes();
            n++;
        }
        flushEchoes();
        return n;
    }

    /**
     * Room for one more byte, as n_tty_receive_buf_common computes it: one byte is always kept
     * free (space for a newline if the mode switches to canonical), except that a canonical
     * line with no complete line before it may fill the queue and then overwrites its last byte.
     */
    private boolean makeRoom() {
        int room = N_TTY_BUF_SIZE - (readHead - readTail);
        if ((termios.iflag & PARMRK) != 0) room = (room + 2) / 3;
        room--;
        if (room > 0) return true;
        final boolean overflow = icanon && canonHead == readTail;
        if (overflow && room < 0) readHead--;
        return overflow;
    }

    private void receiveChar(int c) {
        if (raw) {
            putQueue(c);
            return;
        }
        if (lnext) { // n_tty_receive_char_lnext: literal, no mapping or special meaning
            lnext = false;
            receiveOrdinary(preprocess(c));
            return;
        }
        c = preprocess(c);
        if (isSpecial(c)) {
            receiveSpecial(c);
        } else {
            receiveOrdinary(c);
        }
    }

    /** ISTRIP, then IUCLC (with IEXTEN). */
    private int preprocess(int c) {
        final int iflag = termios.iflag;
        if ((iflag & ISTRIP) != 0) c &= 0x7f;
        if ((iflag & IUCLC) != 0 && (termios.lflag & IEXTEN) != 0) c = KernelCtype.toLower(c);
        return c;
    }

    /** n_tty_receive_char: a character with no special meaning. */
    private void receiveOrdinary(final int c) {
        restartOnAnyCharacter();
        if ((termios.lflag & ECHO) != 0) {
            finishErasing();
            if (canonHead == readHead) echoOp(ECHO_OP_SET_CANON_COL); // column of the line's first char
            echoChar(c);
        }
        if (c == 0xff && (termios.iflag & PARMRK) != 0) putQueue(c); // PARMRK doubles \377
        putQueue(c);
    }

    /** n_tty_receive_char_special. */
    private void receiveSpecial(int c) {
        final Termios t = termios;
        final int lflag = t.lflag;
        final int iflag = t.iflag;

        if ((iflag & IXON) != 0 && (c == t.cc(VSTART) || c == t.cc(VSTOP))) {
            if (c == t.cc(VSTART)) {
                startOutputFlow();
            } else {
                stopOutputFlow();
            }
            return;
        }
        if ((lflag & ISIG) != 0) {
            if (c == t.cc(VINTR)) {
                receiveSignalChar(TtySignalListener.SIGINT, c);
                return;
            } else if (c == t.cc(VQUIT)) {
                receiveSignalChar(TtySignalListener.SIGQUIT, c);
                return;
            } else if (c == t.cc(VSUSP)) {
                receiveSignalChar(TtySignalListener.SIGTSTP, c);
                return;
            }
        }
        restartOnAnyCharacter();

        if (c == '\r') {
            if ((iflag & IGNCR) != 0) return;
            if ((iflag & ICRNL) != 0) c = '\n';
        } else if (c == '\n' && (iflag & INLCR) != 0) {
            c = '\r';
        }

        if (icanon && receiveCanonical(c)) return;

        if ((lflag & ECHO) != 0) {
            finishErasing();
            if (c == '\n') {
                echoRaw('\n');
            } else {
                if (canonHead == readHead) echoOp(ECHO_OP_SET_CANON_COL);
                echoChar(c);
            }
        }
        if (c == 0xff && (iflag & PARMRK) != 0) putQueue(c);
        putQueue(c);
    }

    /** n_tty_receive_char_canon: line editing; returns true if the character was consumed. */
    private boolean receiveCanonical(final int c) {
        final Termios t = termios;
        final int lflag = t.lflag;
        final boolean iexten = (lflag & IEXTEN) != 0;
        final boolean echo = (lflag & ECHO) != 0;

        if (c == t.cc(VERASE) || c == t.cc(VKILL) || (c == t.cc(VWERASE) && iexten)) {
            erase(c);
            return true;
        }
        if (c == t.cc(VLNEXT) && iexten) {
            lnext = true;
            if (echo) {
                finishErasing();
                if ((lflag & ECHOCTL) != 0) { // "^" then backspace; the next char overwrites it
                    echoRaw('^');
                    echoRaw('\b');
                }
            }
            return true;
        }
        if (c == t.cc(VREPRINT) && echo && iexten) {
            finishErasing();
            echoChar(c);
            echoRaw('\n');
            for (int i = canonHead; (i & MASK) != (readHead & MASK); i++) {
                echoChar(readBuf[i & MASK] & 0xff);
            }
            return true;
        }
        if (c == '\n') {
            if (echo || (lflag & ECHONL) != 0) echoRaw('\n');
            endLine(c);
            return true;
        }
        if (c == t.cc(VEOF)) { // ends the line without itself: a flagged NUL that read() drops
            endLine(POSIX_VDISABLE);
            return true;
        }
        if (c == t.cc(VEOL) || (c == t.cc(VEOL2) && iexten)) {
            if (echo) {
                if (canonHead == readHead) echoOp(ECHO_OP_SET_CANON_COL);
                echoChar(c);
            }
            if (c == 0xff && (t.iflag & PARMRK) != 0) putQueue(c);
            endLine(c);
            return true;
        }
        return false;
    }

    /** n_tty_receive_handle_newline: the line becomes readable. */
    private void endLine(final int c) {
        setFlag(readHead);
        putQueue(c);
        canonHead = readHead;
    }

    /** n_tty_receive_signal_char: report, flush unless NOFLSH, restart output, echo. */
    private void receiveSignalChar(final int signal, final int c) {
        signals.onSignal(signal, foregroundProcessGroup);
        if ((termios.lflag & NOFLSH) == 0) { // isig(): echo queue, output queue and input all go
            echoHead = echoTail = 0;
            flushOutput();
            resetReadQueue();
        }
        if ((termios.iflag & IXON) != 0) startOutputFlow();
        if ((termios.lflag & ECHO) != 0) echoChar(c);
    }

    /**
     * eraser(): VERASE removes one character, VWERASE one word (BSD ALTWERASE: trailing
     * non-word characters, then alphanumerics and '_'), VKILL the whole line, echoing what the
     * ECHO* flags ask for. With IUTF8 a multi-byte character goes as one.
     */
    private void erase(final int c) {
        final Termios t = termios;
        final int lflag = t.lflag;
        if (readHead == canonHead) return; // nothing to erase (Linux does not beep)

        final int kind;
        if (c == t.cc(VERASE)) {
            kind = 0;
        } else if (c == t.cc(VWERASE)) {
            kind = 1;
        } else { // VKILL
            if ((lflag & ECHO) == 0) {
                readHead = canonHead;
                return;
            }
            if ((lflag & ECHOK) == 0 || (lflag & ECHOKE) == 0 || (lflag & ECHOE) == 0) {
                readHead = canonHead;
                finishErasing();
                echoChar(t.cc(VKILL));
                if ((lflag & ECHOK) != 0) echoRaw('\n'); // ECHOK without ECHOKE: kill char, newline
                return;
            }
            kind = 2;
        }

        int seenAlnums = 0;
        while ((readHead & MASK) != (canonHead & MASK)) {
            int head = readHead;
            int ch;
            do { // one possibly multi-byte character
                head--;
                ch = readBuf[head & MASK] & 0xff;
            } while (isContinuation(ch) && (head & MASK) != (canonHead & MASK));
            if (isContinuation(ch)) break; // do not erase part of a character

            if (kind == 1) {
                if (KernelCtype.isAlnum(ch) || ch == '_') {
                    seenAlnums++;
                } else if (seenAlnums > 0) {
                    break;
                }
            }
            int count = readHead - head;
            readHead = head;
            if ((lflag & ECHO) != 0) {
                if ((lflag & ECHOPRT) != 0) {
                    if (!erasing) {
                        echoRaw('\\');
                        erasing = true;
                    }
                    echoChar(ch);
                    while (--count > 0) {
                        head++;
                        echoRaw(readBuf[head & MASK] & 0xff);
                        echoOp(ECHO_OP_MOVE_BACK_COL);
                    }
                } else if (kind == 0 && (lflag & ECHOE) == 0) {
                    echoChar(t.cc(VERASE));
                } else if (ch == '\t') {
                    eraseTabEcho(lflag);
                } else {
                    final boolean cntrl = KernelCtype.isCntrl(ch);
                    final boolean echoctl = (lflag & ECHOCTL) != 0;
                    if (cntrl && echoctl) { // "^X" took two columns
                        echoRaw('\b');
                        echoRaw(' ');
                        echoRaw('\b');
                    }
                    if (!cntrl || echoctl) {
                        echoRaw('\b');
                        echoRaw(' ');
                        echoRaw('\b');
                    }
                }
            }
            if (kind == 0) break;
        }
        if (readHead == canonHead && (lflag & ECHO) != 0) finishErasing();
    }

    /**
     * Erasing a tab: count the columns used since the line start or the previous tab, and let
     * the echo processor back up to the tab stop (echo_erase_tab).
     */
    private void eraseTabEcho(final int lflag) {
        int columns = 0;
        boolean afterTab = false;
        int tail = readHead;
        while ((tail & MASK) != (canonHead & MASK)) {
            tail--;
            final int ch = readBuf[tail & MASK] & 0xff;
            if (ch == '\t') {
                afterTab = true;
                break;
            } else if (KernelCtype.isCntrl(ch)) {
                if ((lflag & ECHOCTL) != 0) columns += 2;
            } else if (!isContinuation(ch)) {
                columns++;
            }
        }
        columns &= 7;
        if (afterTab) columns |= 0x80;
        reserveEcho(3);
        addEchoByte(ECHO_OP_START);
        addEchoByte(ECHO_OP_ERASE_TAB);
        addEchoByte(columns);
    }

    private void finishErasing() {
        if (erasing) {
            echoRaw('/');
            erasing = false;
        }
    }

    /** IXON with IXANY: any character restarts output stopped by the STOP character. */
    private void restartOnAnyCharacter() {
        if (stopped && !tcoStopped && (termios.iflag & (IXON | IXANY)) == (IXON | IXANY)) startOutputFlow();
    }

    private boolean isContinuation(final int c) {
        return (termios.iflag & IUTF8) != 0 && (c & 0xc0) == 0x80;
    }

    private boolean isSpecial(final int c) {
        return (charMap[c >>> 6] & (1L << c)) != 0;
    }

    private void putQueue(final int c) {
        readBuf[readHead & MASK] = (byte) c;
        readHead++;
    }

    private void setFlag(final int index) {
        final int i = index & MASK;
        readFlags[i >>> 6] |= 1L << i;
    }

    private void clearFlag(final int index) {
        final int i = index & MASK;
        readFlags[i >>> 6] &= ~(1L << i);
    }

    private boolean flag(final int index) {
        final int i = index & MASK;
        return (readFlags[i >>> 6] & (1L << i)) != 0;
    }

    /** reset_buffer_flags: the input queue empties (the echo columns stay). */
    private void resetReadQueue() {
        readHead = readTail = canonHead = 0;
        erasing = false;
        Arrays.fill(readFlags, 0L);
    }

    /**
     * n_tty_set_termios. A change of ICANON discards line boundaries: leaving canonical mode makes
     * everything queued readable; entering it turns what is queued into one line (ended at its
     * last byte, without adding one).
     */
    private void applyTermios(final boolean initial, final int oldIflag, final int oldLflag) {
        final Termios t = termios;
        final int lflag = t.lflag;
        final int iflag = t.iflag;
        if (initial || ((oldLflag ^ lflag) & (ICANON | EXTPROC)) != 0) {
            Arrays.fill(readFlags, 0L);
            if ((lflag & ICANON) == 0 || readHead == readTail) {
                canonHead = readTail;
            } else {
                setFlag(readHead - 1);
                canonHead = readHead;
            }
            erasing = false;
            lnext = false;
        }
        icanon = (lflag & ICANON) != 0;

        if ((iflag & (ISTRIP | IUCLC | IGNCR | ICRNL | INLCR | IXON | PARMRK)) != 0
                || (lflag & (ICANON | ISIG | ECHO)) != 0) {
            Arrays.fill(charMap, 0L);
            if ((iflag & (IGNCR | ICRNL)) != 0) mapChar('\r');
            if ((iflag & INLCR) != 0) mapChar('\n');
            if ((lflag & ICANON) != 0) {
                mapChar(t.cc(VERASE));
                mapChar(t.cc(VKILL));
                mapChar(t.cc(VEOF));
                mapChar('\n');
                mapChar(t.cc(VEOL));
                if ((lflag & IEXTEN) != 0) {
                    mapChar(t.cc(VWERASE));
                    mapChar(t.cc(VLNEXT));
                    mapChar(t.cc(VEOL2));
                    if ((lflag & ECHO) != 0) mapChar(t.cc(VREPRINT));
                }
            }
            if ((iflag & IXON) != 0) {
                mapChar(t.cc(VSTART));
                mapChar(t.cc(VSTOP));
            }
            if ((lflag & ISIG) != 0) {
                mapChar(t.cc(VINTR));
                mapChar(t.cc(VQUIT));
                mapChar(t.cc(VSUSP));
            }
            charMap[0] &= ~1L; // a c_cc of 0 is disabled, never special
            raw = false;
        } else {
            raw = true;
        }
        // Clearing IXON must not leave output stuck behind a STOP character.
        if (!initial && (iflag & IXON) == 0 && (oldIflag & IXON) != 0 && !tcoStopped) {
            startOutputFlow();
            processEchoes();
        }
    }

    private void mapChar(final int c) {
        charMap[c >>> 6] |= 1L << c;
    }

    // =====================================================================================
    // Read side
    // =====================================================================================

    /**
     * One attempt at read(2): copies what the call may return now, or says to wait.
     *
     * <p>Canonical mode returns at most one line (its terminator included, an EOF character
     * excluded), never more than {@code maxLength}; the rest stays. An EOF at the start of a
     * line returns 0. Non-canonical mode follows VMIN and VTIME (n_tty_read):
     * <ul>
     *   <li>MIN 0, TIME 0: whatever is there, possibly 0, at once (0 rather than EAGAIN even
     *       with O_NONBLOCK).</li>
     *   <li>MIN 0, TIME t: as soon as one byte is there; 0 after t tenths of a second from
     *       {@code readStartNanos}.</li>
     *   <li>MIN m, TIME 0: once min(m, maxLength) bytes are there.</li>
     *   <li>MIN m, TIME t: once min(m, maxLength) bytes are there, or, once at least one byte is
     *       there, when t tenths of a second pass with no new input (inter-byte timer, from the
     *       later of {@code readStartNanos} and {@code lastInputNanos}); no timer before the
     *       first byte.</li>
     * </ul>
     *
     * <p>On {@link #READ_WAIT} the caller waits until new input arrives (it calls
     * {@link #receive}), the terminal's settings change, a signal interrupts the reader, or
     * {@link #readDeadlineNanos()} passes, then calls again with the same start time. With
     * {@code nonBlocking} (O_NONBLOCK) READ_WAIT means EAGAIN: bytes that are there are returned
     * even if fewer than MIN, as Linux does.
     *
     * @param nowNanos        the caller's clock now
     * @param readStartNanos  when this read(2) started, on the same clock
     * @param lastInputNanos  when the device last delivered input, on the same clock (any value
     *                        before readStartNanos if unknown)
     * @return bytes copied to {@code dst} at {@code offset}, or READ_WAIT
     */
    public int tryRead(
            final MutableDirectBuffer dst,
            final int offset,
            final int maxLength,
            final boolean nonBlocking,
            final long nowNanos,
            final long readStartNanos,
            final long lastInputNanos) {
        readDeadlineNanos = NO_DEADLINE;
        if (maxLength <= 0) return 0;
        if (icanon) {
            if (canonHead != readTail) return copyLine(dst, offset, maxLength);
            return hungUp ? 0 : READ_WAIT;
        }
        final int available = readHead - readTail;
        final int min = termios.cc(VMIN);
        final int time = termios.cc(VTIME);
        if (available > 0) {
            if (min == 0 || nonBlocking || hungUp || available >= Math.min(min, maxLength)) {
                return copyRaw(dst, offset, Math.min(available, maxLength));
            }
            if (time == 0) return READ_WAIT;
            final long deadline = Math.max(readStartNanos, lastInputNanos) + time * NANOS_PER_VTIME_UNIT;
            if (nowNanos - deadline >= 0) return copyRaw(dst, offset, available);
            readDeadlineNanos = deadline;
            return READ_WAIT;
        }
        if (hungUp) return 0;
        if (min == 0) {
            if (time == 0) return 0;
            if (nonBlocking) return READ_WAIT;
            final long deadline = readStartNanos + time * NANOS_PER_VTIME_UNIT;
            if (nowNanos - deadline >= 0) return 0;
            readDeadlineNanos = deadline;
            return READ_WAIT;
        }
        return READ_WAIT;
    }

    /**
     * After {@link #tryRead} returned {@link #READ_WAIT}: the time at which to call it again even
     * if no input came, or {@link #NO_DEADLINE}.
     */
    public long readDeadlineNanos() {
        return readDeadlineNanos;
    }

    /**
     * canon_copy_from_read_buf: up to and including the first line end within maxLength bytes.
     * A line end that is an EOF marker is consumed but not copied. If the read fills maxLength
     * exactly and an EOF marker comes next, it is consumed too (canon_skip_eof), so the next read
     * does not return a spurious 0.
     */
    private int copyLine(final MutableDirectBuffer dst, final int offset, final int maxLength) {
        final int n = Math.min(maxLength, canonHead - readTail);
        int eol = -1;
        for (int i = 0; i < n; i++) {
            if (flag(readTail + i)) {
                eol = i;
                break;
            }
        }
        final int copied;
        final int consumed;
        if (eol >= 0) {
            consumed = eol + 1;
            copied = readBuf[(readTail + eol) & MASK] == POSIX_VDISABLE ? eol : consumed;
            clearFlag(readTail + eol);
        } else {
            consumed = copied = n;
        }
        copyOut(readTail, copied, dst, offset);
        readTail += consumed;
        if (eol < 0 && copied == maxLength && readTail != canonHead && flag(readTail)
                && readBuf[readTail & MASK] == POSIX_VDISABLE) {
            clearFlag(readTail);
            readTail++;
        }
        return copied;
    }

    private int copyRaw(final MutableDirectBuffer dst, final int offset, final int length) {
        copyOut(readTail, length, dst, offset);
        readTail += length;
        return length;
    }

    private void copyOut(final int from, final int length, final MutableDirectBuffer dst, final int offset) {
        final int start = from & MASK;
        final int first = Math.min(length, N_TTY_BUF_SIZE - start);
        dst.putBytes(offset, readBuf, start, first);
        if (length > first) dst.putBytes(offset + first, readBuf, 0, length - first);
    }

    /**
     * FIONREAD / TIOCINQ: in canonical mode the bytes of complete lines, EOF markers not
     * counted (inq_canon); otherwise every queued byte.
     */
    public int readableBytes() {
        if (!icanon) return readHead - readTail;
        int count = canonHead - readTail;
        for (int i = readTail; (i & MASK) != (canonHead & MASK); i++) {
            if (flag(i) && readBuf[i & MASK] == POSIX_VDISABLE) count--;
        }
        return count;
    }

    /**
     * poll(2) POLLIN (input_available_p with poll set): a complete line in canonical mode;
     * otherwise VMIN bytes when VTIME is 0 and VMIN is not, else one byte. True once hung up.
     */
    public boolean pollReadable() {
        if (hungUp) return true;
        if (icanon) return canonHead != readTail;
        final int min = termios.cc(VMIN);
        final int amount = termios.cc(VTIME) == 0 && min > 0 ? min : 1;
        return readHead - readTail >= amount;
    }

    /** TCIFLUSH: discards unread input, including the line being edited (n_tty_flush_buffer). */
    public void flushInput() {
        resetReadQueue();
    }

    // =====================================================================================
    // Output side
    // =====================================================================================

    /**
     * write(2): output processing (OPOST: ONLCR, OCRNL, ONOCR, ONLRET, OLCUC, XTABS) into the
     * output queue, after any pending echo. Returns how many source bytes were taken; fewer than
     * {@code length} when the queue is full (the caller waits for {@link #drainOutput} and
     * offers the rest, or returns the partial count / EAGAIN for O_NONBLOCK as n_tty_write does).
     */
    public int write(final DirectBuffer src, final int offset, final int length) {
        processEchoes();
        if ((termios.oflag & OPOST) == 0) {
            final int n = Math.min(length, outputRoom());
            for (int i = 0; i < n; i++) outPut(src.getByte(offset + i));
            return n;
        }
        int i = 0;
        while (i < length) {
            if (outputChar(src.getByte(offset + i) & 0xff, outputRoom()) < 0) break;
            i++;
        }
        return i;
    }

    /**
     * Moves up to {@code maxLength} bytes from the output queue to the device's buffer. Returns
     * 0 while output is stopped (IXON STOP character, TCOOFF). Echo that did not fit before is
     * queued as room frees (Linux waits for the next input or write to retry it).
     */
    public int drainOutput(final MutableDirectBuffer dst, final int offset, final int maxLength) {
        if (stopped) return 0;
        final int n = Math.min(maxLength, outHead - outTail);
        if (n > 0) {
            final int start = outTail & outMask;
            final int first = Math.min(n, outBuf.length - start);
            dst.putBytes(offset, outBuf, start, first);
            if (n > first) dst.putBytes(offset + first, outBuf, 0, n - first);
            outTail += n;
        }
        if (echoHead != echoTail) processEchoes();
        return n;
    }

    /** TIOCOUTQ: bytes waiting in the output queue. */
    public int outputQueued() {
        return outHead - outTail;
    }

    /** Free space in the output queue (tty_write_room). */
    public int outputRoom() {
        return outBuf.length - (outHead - outTail);
    }

    /** poll(2) POLLOUT: fewer than WAKEUP_CHARS queued and some room left. */
    public boolean pollWritable() {
        return outputQueued() < WAKEUP_CHARS && outputRoom() > 0;
    }

    /** TCOFLUSH: discards output not yet taken by the device (tty_driver_flush_buffer). */
    public void flushOutput() {
        outHead = outTail = 0;
    }

    /** TCFLSH: TCIFLUSH, TCOFLUSH or TCIOFLUSH; false (EINVAL) for anything else. */
    public boolean flush(final int queueSelector) {
        switch (queueSelector) {
            case TtyIoctl.TCIFLUSH -> flushInput();
            case TtyIoctl.TCOFLUSH -> flushOutput();
            case TtyIoctl.TCIOFLUSH -> {
                flushInput();
                flushOutput();
            }
            default -> {
                return false;
            }
        }
        return true;
    }

    /**
     * TCXONC: TCOOFF suspends output until TCOON; TCIOFF and TCION queue the STOP or START
     * character for the device (if enabled and there is room). False (EINVAL) for other actions.
     */
    public boolean flowControl(final int action) {
        switch (action) {
            case TtyIoctl.TCOOFF -> {
                if (!tcoStopped) {
                    tcoStopped = true;
                    stopped = true;
                }
            }
            case TtyIoctl.TCOON -> {
                if (tcoStopped) {
                    tcoStopped = false;
                    stopped = false;
                    processEchoes();
                }
            }
            case TtyIoctl.TCIOFF -> sendFlowChar(termios.cc(VSTOP));
            case TtyIoctl.TCION -> sendFlowChar(termios.cc(VSTART));
            default -> {
                return false;
            }
        }
        return true;
    }

    /** Output suspended (IXON STOP character or TCOOFF): the device should take nothing. */
    public boolean isOutputStopped() {
        return stopped;
    }

    private void sendFlowChar(final int c) {
        if (c != POSIX_VDISABLE && outputRoom() > 0) outPut((byte) c);
    }

    private void stopOutputFlow() {
        stopped = true;
    }

    private void startOutputFlow() {
        if (!stopped || tcoStopped) return;
        stopped = false;
    }

    /**
     * do_output_char: one byte with OPOST processing, tracking the column. Returns the bytes
     * queued (0 when ONOCR drops a CR), or -1 if it does not fit in {@code space}.
     */
    private int outputChar(int c, final int space) {
        if (space == 0) return -1;
        final int oflag = termios.oflag;
        switch (c) {
            case '\n' -> {
                if ((oflag & ONLRET) != 0) column = 0;
                if ((oflag & ONLCR) != 0) {
                    if (space < 2) return -1;
                    canonColumn = column = 0;
                    outPut((byte) '\r');
                    outPut((byte) '\n');
                    return 2;
                }
                canonColumn = column;
            }
            case '\r' -> {
                if ((oflag & ONOCR) != 0 && column == 0) return 0;
                if ((oflag & OCRNL) != 0) {
                    c = '\n';
                    if ((oflag & ONLRET) != 0) canonColumn = column = 0;
                } else {
                    canonColumn = column = 0;
                }
            }
            case '\t' -> {
                final int spaces = 8 - (column & 7);
                if ((oflag & TABDLY) == XTABS) {
                    if (space < spaces) return -1;
                    column += spaces;
                    for (int i = 0; i < spaces; i++) outPut((byte) ' ');
                    return spaces;
                }
                column += spaces;
            }
            case '\b' -> {
                if (column > 0) column--;
            }
            default -> {
                if (!KernelCtype.isCntrl(c)) {
                    if ((oflag & OLCUC) != 0) c = KernelCtype.toUpper(c);
                    if (!isContinuation(c)) column++;
                }
            }
        }
        outPut((byte) c);
        return 1;
    }

    private void outPut(final byte b) {
        outBuf[outHead & outMask] = b;
        outHead++;
    }

    // =====================================================================================
    // Echo
    // =====================================================================================

    /** echo_char: control characters (not TAB) as "^X" under ECHOCTL. */
    private void echoChar(final int c) {
        if (c == ECHO_OP_START) {
            echoOp(ECHO_OP_START); // escaped 0xff
        } else if ((termios.lflag & ECHOCTL) != 0 && KernelCtype.isCntrl(c) && c != '\t') {
            echoOp(c);
        } else {
            reserveEcho(1);
            addEchoByte(c);
        }
    }

    /** echo_char_raw: the byte as is (still OPOST-processed when output). */
    private void echoRaw(final int c) {
        if (c == ECHO_OP_START) {
            echoOp(ECHO_OP_START);
        } else {
            reserveEcho(1);
            addEchoByte(c);
        }
    }

    private void echoOp(final int op) {
        reserveEcho(2);
        addEchoByte(ECHO_OP_START);
        addEchoByte(op);
    }

    private void addEchoByte(final int b) {
        echoBuf[echoHead & MASK] = (byte) b;
        echoHead++;
    }

    /** Drops the oldest whole operations until {@code bytes} fit (the queue never overruns). */
    private void reserveEcho(final int bytes) {
        while (N_TTY_BUF_SIZE - (echoHead - echoTail) < bytes) {
            echoTail += echoOpLength(echoTail);
        }
    }

    private int echoOpLength(final int at) {
        if ((echoBuf[at & MASK] & 0xff) != ECHO_OP_START) return 1;
        return (echoBuf[(at + 1) & MASK] & 0xff) == ECHO_OP_ERASE_TAB ? 3 : 2;
    }

    /**
     * commit_echoes within a batch: once a block of echo has accumulated it goes out, so a long
     * burst of input is echoed in full rather than overrunning the echo queue.
     */
    private void commitEchoes() {
        if (echoHead - echoTail >= ECHO_COMMIT_WATERMARK) processEchoes();
    }

    /** flush_echoes at the end of a receive batch. */
    private void flushEchoes() {
        if ((termios.lflag & (ECHO | ECHONL)) == 0 || echoHead == echoTail) return;
        processEchoes();
    }

    /**
     * __process_echoes: moves pending echo into the output queue while it fits, running the
     * column operations as it goes; a "^X" pair is never split. If what remains is close to
     * filling the echo queue, the oldest part is dropped.
     */
    private void processEchoes() {
        int space = outputRoom();
        int tail = echoTail;
        final boolean opost = (termios.oflag & OPOST) != 0;
        while (tail != echoHead) {
            final int c = echoBuf[tail & MASK] & 0xff;
            if (c == ECHO_OP_START) {
                final int op = echoBuf[(tail + 1) & MASK] & 0xff;
                if (op == ECHO_OP_ERASE_TAB) {
                    int columns = echoBuf[(tail + 2) & MASK] & 0xff;
                    if ((columns & 0x80) == 0) columns += canonColumn; // counted from the line start
                    int backspaces = 8 - (columns & 7);
                    if (backspaces > space) break;
                    space -= backspaces;
                    while (backspaces-- > 0) {
                        outPut((byte) '\b');
                        if (column > 0) column--;
                    }
                    tail += 3;
                } else if (op == ECHO_OP_SET_CANON_COL) {
                    canonColumn = column;
                    tail += 2;
                } else if (op == ECHO_OP_MOVE_BACK_COL) {
                    if (column > 0) column--;
                    tail += 2;
                } else if (op == ECHO_OP_START) {
                    if (space == 0) break;
                    outPut((byte) ECHO_OP_START);
                    column++;
                    space--;
                    tail += 2;
                } else { // a control character shown as ^X
                    if (space < 2) break;
                    outPut((byte) '^');
                    outPut((byte) (op ^ 0x40));
                    column += 2;
                    space -= 2;
                    tail += 2;
                }
            } else if (opost) {
                final int used = outputChar(c, space);
                if (used < 0) break;
                space -= used;
                tail++;
            } else {
                if (space == 0) break;
                outPut((byte) c);
                space--;
                tail++;
            }
        }
        while (echoHead - tail >= ECHO_DISCARD_WATERMARK) {
            tail += echoOpLength(tail);
        }
        echoTail = tail;
    }
}
