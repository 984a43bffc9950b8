package org.exoos.servers.tty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checks every constant and the struct layouts against the riscv64 Linux headers: the values are
 * compiled by riscv64-linux-gnu-gcc into assembly (-S), so nothing needs to run on riscv64.
 */
class TtyAbiTest {
    private static final String GCC = "riscv64-linux-gnu-gcc";
    /** Our own names, not header macros. */
    private static final Set<String> NOT_MACROS = Set.of("C_IFLAG_OFFSET", "C_OFLAG_OFFSET", "C_CFLAG_OFFSET",
            "C_LFLAG_OFFSET", "C_LINE_OFFSET", "C_CC_OFFSET", "SIZE", "POSIX_VDISABLE", "DEFAULT_IFLAG",
            "DEFAULT_OFLAG", "DEFAULT_CFLAG", "DEFAULT_LFLAG", "WS_ROW_OFFSET", "WS_COL_OFFSET",
            "WS_XPIXEL_OFFSET", "WS_YPIXEL_OFFSET");

    @Test
    void constantsAndLayoutsMatchRiscv64Headers(@TempDir final Path dir) throws Exception {
        assumeTrue(compilerAvailable(), GCC + " is not installed");
        final Map<String, Integer> expected = new LinkedHashMap<>();
        final StringBuilder c = new StringBuilder("""
                #include <stddef.h>
                #include <asm/termbits.h>
                #include <asm/ioctls.h>
                #include <asm/termios.h>
                #include <asm/signal.h>
                #include <linux/tty.h>
                """);
        for (final Class<?> type : new Class<?>[] {Termios.class, TtyIoctl.class, WinSize.class, TtySignalListener.class}) {
            for (final Field f : type.getDeclaredFields()) {
                final int m = f.getModifiers();
                if (!Modifier.isStatic(m) || !Modifier.isPublic(m) || f.getType() != int.class) continue;
                if (NOT_MACROS.contains(f.getName())) continue;
                expected.put(f.getName(), f.getInt(null));
                c.append("#ifdef ").append(f.getName()).append('\n')
                        .append("const unsigned int exo_").append(f.getName()).append(" = ").append(f.getName())
                        .append(";\n#endif\n");
            }
        }
        final Map<String, String> layout = new LinkedHashMap<>();
        layout.put("SIZE", "sizeof(struct termios)");
        layout.put("C_IFLAG_OFFSET", "offsetof(struct termios, c_iflag)");
        layout.put("C_OFLAG_OFFSET", "offsetof(struct termios, c_oflag)");
        layout.put("C_CFLAG_OFFSET", "offsetof(struct termios, c_cflag)");
        layout.put("C_LFLAG_OFFSET", "offsetof(struct termios, c_lflag)");
        layout.put("C_LINE_OFFSET", "offsetof(struct termios, c_line)");
        layout.put("C_CC_OFFSET", "offsetof(struct termios, c_cc)");
        layout.put("CC_LENGTH", "sizeof(((struct termios *)0)->c_cc)");
        layout.put("WS_SIZE", "sizeof(struct winsize)");
        layout.put("WS_ROW_OFFSET", "offsetof(struct winsize, ws_row)");
        layout.put("WS_COL_OFFSET", "offsetof(struct winsize, ws_col)");
        layout.put("WS_XPIXEL_OFFSET", "offsetof(struct winsize, ws_xpixel)");
        layout.put("WS_YPIXEL_OFFSET", "offsetof(struct winsize, ws_ypixel)");
        for (final Map.Entry<String, String> e : layout.entrySet()) {
            c.append("const unsigned int exo_layout_").append(e.getKey()).append(" = ").append(e.getValue()).append(";\n");
        }

        final Map<String, Integer> actual = compile(dir, c.toString());

        final Map<String, String> wrong = new TreeMap<>();
        final Map<String, Integer> missing = new TreeMap<>();
        for (final Map.Entry<String, Integer> e : expected.entrySet()) {
            final Integer header = actual.get(e.getKey());
            if (header == null) {
                missing.put(e.getKey(), e.getValue());
            } else if (!header.equals(e.getValue())) {
                wrong.put(e.getKey(), "java 0x" + Integer.toHexString(e.getValue()) + " header 0x" + Integer.toHexString(header));
            }
        }
        assertTrue(wrong.isEmpty(), "constants differing from the riscv64 headers: " + wrong);
        assertTrue(missing.isEmpty(), "constants not defined by the headers: " + missing);

        assertEquals(Termios.SIZE, actual.get("layout_SIZE"), "sizeof(struct termios)");
        assertEquals(Termios.C_IFLAG_OFFSET, actual.get("layout_C_IFLAG_OFFSET"), "c_iflag offset");
        assertEquals(Termios.C_OFLAG_OFFSET, actual.get("layout_C_OFLAG_OFFSET"), "c_oflag offset");
        assertEquals(Termios.C_CFLAG_OFFSET, actual.get("layout_C_CFLAG_OFFSET"), "c_cflag offset");
        assertEquals(Termios.C_LFLAG_OFFSET, actual.get("layout_C_LFLAG_OFFSET"), "c_lflag offset");
        assertEquals(Termios.C_LINE_OFFSET, actual.get("layout_C_LINE_OFFSET"), "c_line offset");
        assertEquals(Termios.C_CC_OFFSET, actual.get("layout_C_CC_OFFSET"), "c_cc offset");
        assertEquals(Termios.NCCS, actual.get("layout_CC_LENGTH"), "c_cc length");
        assertEquals(WinSize.SIZE, actual.get("layout_WS_SIZE"), "sizeof(struct winsize)");
        assertEquals(WinSize.WS_ROW_OFFSET, actual.get("layout_WS_ROW_OFFSET"), "ws_row offset");
        assertEquals(WinSize.WS_COL_OFFSET, actual.get("layout_WS_COL_OFFSET"), "ws_col offset");
        assertEquals(WinSize.WS_XPIXEL_OFFSET, actual.get("layout_WS_XPIXEL_OFFSET"), "ws_xpixel offset");
        assertEquals(WinSize.WS_YPIXEL_OFFSET, actual.get("layout_WS_YPIXEL_OFFSET"), "ws_ypixel offset");
    }

    /** Compiles to assembly and reads back each {@code exo_NAME: .word VALUE} (or {@code .zero 4}). */
    private static Map<String, Integer> compile(final Path dir, final String source) throws IOException, InterruptedException {
        final Path src = dir.resolve("tty_abi.c");
        final Path asm = dir.resolve("tty_abi.s");
        Files.writeString(src, source);
        final Process p = new ProcessBuilder(GCC, "-S", "-O0", "-o", asm.toString(), src.toString())
                .redirectErrorStream(true).start();
        final String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "compiler timed out");
        assertEquals(0, p.exitValue(), "compiler failed:\n" + log);
        final Map<String, Integer> values = new LinkedHashMap<>();
        // A zero constant is emitted as ".zero 4" instead of ".word 0".
        final Matcher m = Pattern.compile("(?m)^exo_(\\w+):\\s*\\n\\s*\\.(?:word\\s+(-?\\d+)|zero\\s+4)")
                .matcher(Files.readString(asm));
        while (m.find()) values.put(m.group(1), m.group(2) == null ? 0 : (int) Long.parseLong(m.group(2)));
        return values;
    }

    private static boolean compilerAvailable() {
        try {
            final Process p = new ProcessBuilder(GCC, "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }
}
