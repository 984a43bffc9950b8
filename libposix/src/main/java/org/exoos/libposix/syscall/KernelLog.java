package org.exoos.libposix.syscall;

import org.exoos.libposix.fd.PollBits;
import org.exoos.libposix.fd.Readiness;

import java.nio.charset.StandardCharsets;

/**
 * The kernel's log ring, as printk's log_buf: records numbered by a sequence, the oldest dropped when the
 * ring is full. Each record is kept as syslog(2) returns it, "&lt;level&gt;[    s.uuuuuu] text\n" (printk's
 * record_print_text with the syslog prefix and the time since boot). Two readers' positions live here as in
 * kernel/printk/printk.c: syslog_seq (and syslog_partial), what SYSLOG_ACTION_READ consumes, and clear_seq,
 * where READ_ALL starts (moved by CLEAR and READ_CLEAR). A reader blocked in READ listens to {@link #readers()}.
 */
public final class KernelLog {
    /** log_buf_len: the bytes of formatted records the ring holds. */
    public static final int LOG_BUF_LEN = 64 << 10;
    /** The most records held (each takes at least the prefix's 14 bytes and a newline). */
    static final int MAX_RECORDS = 4096;
    /** PRINTKRB_RECORD_MAX-like cap on one record's text: longer texts are cut. */
    static final int LINE_MAX = 1024 - 32;

    /** The levels of include/linux/kern_levels.h. */
    public static final int EMERG = 0, ALERT = 1, CRIT = 2, ERR = 3, WARNING = 4, NOTICE = 5, INFO = 6, DEBUG = 7;
    /** CONSOLE_LOGLEVEL_DEFAULT and CONSOLE_LOGLEVEL_MIN; LOGLEVEL_DEFAULT (-1) marks "no saved level". */
    static final int CONSOLE_LOGLEVEL_DEFAULT = 7, CONSOLE_LOGLEVEL_MIN = 1, LOGLEVEL_DEFAULT = -1;

    private final long bootNanoTime;
    private final byte[][] ring = new byte[MAX_RECORDS][];
    /** The records held are [firstSeq, nextSeq); bytes is their formatted size. */
    private long firstSeq, nextSeq;
    private int bytes;
    /** syslog_seq and syslog_partial: the next record READ returns, and how much of it was already returned. */
    private long readSeq;
    private int readPartial;
    /** clear_seq: where READ_ALL starts. */
    private long clearSeq;
    private int consoleLevel = CONSOLE_LOGLEVEL_DEFAULT, savedConsoleLevel = LOGLEVEL_DEFAULT;
    private final Readiness readers = new Readiness();

    /** A log whose timestamps count from {@code bootNanoTime} ({@link System#nanoTime()} scale). */
    public KernelLog(long bootNanoTime) { this.bootNanoTime = bootNanoTime; }

    /** printk at KERN_INFO. */
    public void append(String text) { append(INFO, text); }

    /** printk: one record per line of {@code text}, at {@code level} (0..7), stamped with the time since boot. */
    public void append(int level, String text) {
        long since = Math.max(0, System.nanoTime() - bootNanoTime);
        long micros = since / 1_000;
        String prefix = String.format("<%d>[%5d.%06d] ", level & 7, micros / 1_000_000, micros % 1_000_000);
        String body = text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
        for (String line : body.split("\n", -1)) {
            if (line.length() > LINE_MAX) line = line.substring(0, LINE_MAX);
            store((prefix + line + "\n").getBytes(StandardCharsets.UTF_8));
        }
        readers.changed(PollBits.READABLE);
    }

    private synchronized void store(byte[] record) {
        while (nextSeq - firstSeq == MAX_RECORDS || (nextSeq > firstSeq && bytes + record.length > LOG_BUF_LEN)) {
            int slot = slot(firstSeq);
            bytes -= ring[slot].length;
            ring[slot] = null;
            firstSeq++;
        }
        ring[slot(nextSeq)] = record;
        nextSeq++;
        bytes += record.length;
    }

    private static int slot(long seq) { return (int) (seq % MAX_RECORDS); }

    /** Where READ's sleepers wait for a new record. */
    public Readiness readers() { return readers; }

    /** True when READ has something to return. */
    public synchronized boolean hasUnread() { return Math.max(readSeq, firstSeq) < nextSeq; }

    /**
     * SYSLOG_ACTION_READ without the wait: whole unread records that fit in {@code size} bytes, or, when the
     * first does not fit, the part of it that does (the rest comes next time); null when nothing is unread.
     */
    public synchronized byte[] readUnread(int size) {
        skipLost();
        if (readSeq == nextSeq) return null;
        int n = 0;
        long seq = readSeq;
        int partial = readPartial;
        while (seq < nextSeq) {
            int rest = ring[slot(seq)].length - partial;
            if (n + rest > size) break;
            n += rest;
            seq++;
            partial = 0;
        }
        byte[] out;
        if (n == 0) { // the first record is larger than the buffer: hand out what fits
            out = new byte[size];
            System.arraycopy(ring[slot(readSeq)], readPartial, out, 0, size);
            readPartial += size;
            return out;
        }
        out = new byte[n];
        int at = 0;
        for (long s = readSeq; s < seq; s++) {
            byte[] r = ring[slot(s)];
            int from = s == readSeq ? readPartial : 0;
            System.arraycopy(r, from, out, at, r.length - from);
            at += r.length - from;
        }
        readSeq = seq;
        readPartial = 0;
        return out;
    }

    /** A reader fell behind the ring: it continues with the oldest record still there. */
    private void skipLost() {
        if (readSeq < firstSeq) {
            readSeq = firstSeq;
            readPartial = 0;
        }
    }

    /**
     * SYSLOG_ACTION_READ_ALL: the newest records since the last clear that fit in {@code size} bytes, whole;
     * with {@code clear} (READ_CLEAR), the next READ_ALL starts after them.
     */
    public synchronized byte[] readAll(int size, boolean clear) {
        long from = Math.max(clearSeq, firstSeq);
        long total = 0;
        for (long s = from; s < nextSeq; s++) total += ring[slot(s)].length;
        while (total > size) total -= ring[slot(from++)].length; // drop the oldest until the rest fit
        byte[] out = new byte[(int) total];
        int at = 0;
        for (long s = from; s < nextSeq; s++) {
            byte[] r = ring[slot(s)];
            System.arraycopy(r, 0, out, at, r.length);
            at += r.length;
        }
        if (clear) clearSeq = nextSeq;
        return out;
    }

    /** SYSLOG_ACTION_CLEAR: READ_ALL shows only what comes from now on. */
    public synchronized void clear() { clearSeq = nextSeq; }

    /** SYSLOG_ACTION_SIZE_UNREAD: the bytes READ would return now. */
    public synchronized int unreadBytes() {
        skipLost();
        int n = -readPartial;
        for (long s = readSeq; s < nextSeq; s++) n += ring[slot(s)].length;
        return Math.max(0, n);
    }

    /** The bytes of records held (what READ_ALL returns after no clear, given room). */
    public synchronized int heldBytes() { return bytes; }

    /** SYSLOG_ACTION_CONSOLE_OFF: only the most urgent messages reach the console; the level is kept. */
    public synchronized void consoleOff() {
        if (savedConsoleLevel == LOGLEVEL_DEFAULT) savedConsoleLevel = consoleLevel;
        consoleLevel = CONSOLE_LOGLEVEL_MIN;
    }

    /** SYSLOG_ACTION_CONSOLE_ON: the level before CONSOLE_OFF comes back. */
    public synchronized void consoleOn() {
        if (savedConsoleLevel != LOGLEVEL_DEFAULT) {
            consoleLevel = savedConsoleLevel;
            savedConsoleLevel = LOGLEVEL_DEFAULT;
        }
    }

    /** SYSLOG_ACTION_CONSOLE_LEVEL with a level already checked to be 1..8. */
    public synchronized void setConsoleLevel(int level) {
        consoleLevel = Math.max(level, CONSOLE_LOGLEVEL_MIN);
        savedConsoleLevel = LOGLEVEL_DEFAULT; // implicitly re-enables the console
    }

    /** console_loglevel: messages more urgent than this go to the console (recorded only: the console is the host's). */
    public synchronized int consoleLevel() { return consoleLevel; }
}
