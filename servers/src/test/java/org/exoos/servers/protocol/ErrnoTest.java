package org.exoos.servers.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/** Every errno constant has the value the Linux generic headers (riscv64's) give it. */
class ErrnoTest {
    private static final Pattern DEFINE = Pattern.compile("^#define\\s+(E[A-Z0-9]+)\\s+(\\d+)", Pattern.MULTILINE);

    @Test
    void constantsMatchTheLinuxHeaders() throws Exception {
        final Path base = Path.of("/usr/include/asm-generic/errno-base.h");
        final Path more = Path.of("/usr/include/asm-generic/errno.h");
        assumeTrue(Files.isRegularFile(base) && Files.isRegularFile(more), "Linux headers not installed");
        final Map<String, Integer> header = new HashMap<>();
        for (final Path file : new Path[] {base, more}) {
            final Matcher matcher = DEFINE.matcher(Files.readString(file));
            while (matcher.find()) {
                header.put(matcher.group(1), Integer.parseInt(matcher.group(2)));
            }
        }
        assertTrue(header.size() > 120, "parsed " + header.size() + " errno values");
        int checked = 0;
        for (final Map.Entry<String, Integer> entry : header.entrySet()) {
            final Field field = Errno.class.getField(entry.getKey());
            assertEquals(entry.getValue().intValue(), field.getInt(null), entry.getKey());
            assertEquals(entry.getKey(), Errno.name(entry.getValue()), "name of " + entry.getValue());
            checked++;
        }
        assertEquals(header.size(), checked);
        assertEquals(Errno.EAGAIN, Errno.EWOULDBLOCK);
    }
}
