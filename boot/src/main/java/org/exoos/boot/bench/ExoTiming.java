package org.exoos.boot.bench;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.exoos.boot.Launcher;
import org.exoos.boot.RunRequest;
import org.exoos.boot.RunResult;
import org.exoos.libposix.elf.ExecFormatException;
import org.exoos.libposix.fd.Stdio;

/**
 * Times a program on a fresh Exo-OS machine in this JVM. The time is the launcher's own: from the first guest
 * instruction to the program's end, so ELF loading and machine set-up are not counted.
 */
final class ExoTiming {
    /** Physical memory of each bench machine: the largest program (memory) needs about 12 MiB. */
    static final long MEM_BYTES = 64L << 20;

    private ExoTiming() {}

    static Measurement run(Path binary, String name, int size) throws ExecFormatException, IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Stdio stdio = Stdio.streams(new ByteArrayInputStream(new byte[0]), out, OutputStream.nullOutputStream());
        RunRequest request = new RunRequest(binary, List.of(name, Integer.toString(size)),
                Map.of("PATH", "/usr/bin:/bin", "LANG", "C"), stdio, MEM_BYTES);
        RunResult result = Launcher.run(request);
        return new Measurement(result.status(), out.toString(StandardCharsets.UTF_8), result.nanos(), result.instret());
    }
}
