package org.exoos.libposix.syscall;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KernelLogTest {
    private static String text(byte[] b) { return new String(b, StandardCharsets.UTF_8); }

    @Test
    void recordsHaveTheSyslogPrefixAndOneLineEach() {
        KernelLog log = new KernelLog(System.nanoTime());
        log.append(KernelLog.ERR, "first\nsecond\n");
        String all = text(log.readAll(KernelLog.LOG_BUF_LEN, false));
        String[] lines = all.split("\n");
        assertEquals(2, lines.length, all);
        assertTrue(lines[0].matches("<3>\\[ {4}\\d\\.\\d{6}] first"), lines[0]);
        assertTrue(lines[1].matches("<3>\\[ {4}\\d\\.\\d{6}] second"), lines[1]);
        assertTrue(all.endsWith("\n"));
        assertEquals(all.length(), log.heldBytes());
    }

    @Test
    void theOldestRecordsGoWhenTheRingIsFull() {
        KernelLog log = new KernelLog(System.nanoTime());
        for (int i = 0; i < 5000; i++) log.append("line " + i + " " + "x".repeat(40));
        assertTrue(log.heldBytes() <= KernelLog.LOG_BUF_LEN, "held " + log.heldBytes());
        String all = text(log.readAll(KernelLog.LOG_BUF_LEN, false));
        assertFalse(all.contains("] line 0 "), "the first record was dropped");
        assertTrue(all.contains("] line 4999 "), "the last record is kept");
        assertEquals(log.heldBytes(), log.unreadBytes(), "an unread position behind the ring moves to its start");
    }

    @Test
    void readAllReturnsTheNewestWholeRecordsThatFit() {
        KernelLog log = new KernelLog(System.nanoTime());
        log.append("aaaa");
        log.append("bbbb");
        int one = log.heldBytes() / 2;
        String last = text(log.readAll(one + one / 2, false));
        assertEquals(one, last.length());
        assertTrue(last.endsWith("] bbbb\n"), last);
        assertEquals(0, log.readAll(one - 1, false).length, "no record fits");
    }

    @Test
    void readConsumesAndClearOnlyMovesReadAll() {
        KernelLog log = new KernelLog(System.nanoTime());
        log.append("hello");
        int size = log.unreadBytes();
        assertTrue(log.hasUnread());
        byte[] part = log.readUnread(3);
        assertEquals("<6>", text(part), "a record larger than the buffer comes in parts");
        assertEquals(size - 3, log.unreadBytes());
        byte[] rest = log.readUnread(1000);
        assertTrue(text(rest).endsWith("] hello\n"));
        assertEquals(size - 3, rest.length);
        assertNull(log.readUnread(1000), "nothing unread");
        assertFalse(log.hasUnread());

        log.append("world");
        log.clear();
        assertEquals(0, log.readAll(1000, false).length, "CLEAR empties READ_ALL");
        assertTrue(log.hasUnread(), "but not READ");
        log.append("again");
        assertTrue(text(log.readAll(1000, true)).endsWith("] again\n"));
        assertEquals(0, log.readAll(1000, false).length, "READ_CLEAR cleared");
    }

    @Test
    void consoleOffRemembersTheLevelForOn() {
        KernelLog log = new KernelLog(System.nanoTime());
        log.setConsoleLevel(4);
        log.consoleOff();
        assertEquals(1, log.consoleLevel());
        log.consoleOff();
        log.consoleOn();
        assertEquals(4, log.consoleLevel());
    }
}
