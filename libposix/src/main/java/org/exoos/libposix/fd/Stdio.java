package org.exoos.libposix.fd;

import java.io.InputStream;
import java.io.OutputStream;

/**
 * What a first process gets as fds 0, 1 and 2: the host's own standard streams ({@link #host()}, used by
 * bin/exo) or Java streams ({@link #streams}, for running programs inside tests).
 */
public final class Stdio {
    private final OpenFile in, out, err;

    private Stdio(OpenFile in, OpenFile out, OpenFile err) {
        this.in = in;
        this.out = out;
        this.err = err;
    }

    /** The JVM's host fds 0, 1 and 2, through the host kernel (terminal ioctls and fstat included). */
    public static Stdio host() {
        return new Stdio(new HostFile(0), new HostFile(1), new HostFile(2));
    }

    /** Java streams, which look like pipes to the program. */
    public static Stdio streams(InputStream in, OutputStream out, OutputStream err) {
        return new Stdio(StreamFile.reading(in), StreamFile.writing(out), StreamFile.writing(err));
    }

    /** Any three open files. */
    public static Stdio of(OpenFile in, OpenFile out, OpenFile err) { return new Stdio(in, out, err); }

    public OpenFile in() { return in; }
    public OpenFile out() { return out; }
    public OpenFile err() { return err; }

    /** A fresh fd table holding the three streams at 0, 1 and 2. */
    public FdTable newTable() {
        FdTable t = new FdTable();
        t.installAt(0, in, false);
        t.installAt(1, out, false);
        t.installAt(2, err, false);
        return t;
    }
}
