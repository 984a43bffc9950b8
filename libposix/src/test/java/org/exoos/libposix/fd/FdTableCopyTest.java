package org.exoos.libposix.fd;

import org.junit.jupiter.api.Test;

import java.lang.foreign.MemorySegment;

import static org.junit.jupiter.api.Assertions.*;

/** fork's copy of an fd table: the same open file descriptions, closed with the last table's last fd. */
class FdTableCopyTest {
    /** An open file that counts its closes. */
    private static final class Counted implements OpenFile {
        int closes;

        @Override public long read(MemorySegment[] buffers) { return 0; }
        @Override public long write(MemorySegment[] buffers) { return 0; }
        @Override public long stat(FileStat out) { return 0; }
        @Override public long statusFlags() { return 0; }
        @Override public void close() { closes++; }
    }

    @Test
    void aDescriptionSharedByForkIsClosedOnlyWhenEveryTableLetsGo() {
        FdTable parent = new FdTable();
        Counted file = new Counted();
        parent.installAt(3, file, false);
        parent.installAt(4, file, false); // a dup
        FdTable child = parent.copy();
        assertSame(file, child.get(3));
        assertSame(file, child.get(4));
        parent.close(3);
        parent.close(4);
        assertEquals(0, file.closes, "closed while the child still holds it");
        child.close(4);
        assertEquals(0, file.closes, "closed while the child's fd 3 still holds it");
        child.close(3);
        assertEquals(1, file.closes, "the last close did not close the description (or closed it twice)");
    }

    @Test
    void closeOnExecFlagsAreCopiedAndExecClosesOnlyThoseFds() {
        FdTable parent = new FdTable();
        Counted kept = new Counted(), dropped = new Counted();
        parent.installAt(0, kept, false);
        parent.installAt(1, dropped, true);
        FdTable child = parent.copy();
        assertTrue(child.closeOnExec(1));
        child.closeOnExec();
        assertNull(child.get(1));
        assertSame(kept, child.get(0));
        assertEquals(0, dropped.closes, "the parent still holds the close-on-exec file");
        parent.closeAll();
        assertEquals(1, dropped.closes);
        assertEquals(0, kept.closes);
        child.closeAll();
        assertEquals(1, kept.closes);
    }

    @Test
    void aTableCopiedTwiceNeedsThreeClosesOfItsFile() {
        FdTable a = new FdTable();
        Counted file = new Counted();
        a.installAt(5, file, false);
        FdTable b = a.copy(), c = b.copy();
        a.closeAll();
        c.closeAll();
        assertEquals(0, file.closes);
        b.installAt(5, new Counted(), false); // dup2 over it
        assertEquals(1, file.closes);
    }
}
