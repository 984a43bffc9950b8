package org.exoos.servers.vfs;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

class VfsErrnoTest {

    @Test
    void everyConstantHasTheValueOfTheLinuxHeaders() throws IOException, IllegalAccessException {
        Path base = Path.of("/usr/include/asm-generic/errno-base.h");
        Path more = Path.of("/usr/include/asm-generic/errno.h");
        Assumptions.assumeTrue(Files.exists(base) && Files.exists(more), "Linux headers not installed");
        Map<String, Integer> header = new HashMap<>();
        Pattern define = Pattern.compile("^#define\\s+(E[A-Z0-9]+)\\s+(\\d+)", Pattern.MULTILINE);
        for (Path p : new Path[] {base, more}) {
            Matcher m = define.matcher(Files.readString(p));
            while (m.find()) {
                header.put(m.group(1), Integer.parseInt(m.group(2)));
            }
        }
        int checked = 0;
        for (Field f : VfsErrno.class.getFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getType() == int.class) {
                Integer expected = header.get(f.getName());
                assertNotNull(expected, f.getName() + " is not in the headers");
                assertEquals(expected.intValue(), f.getInt(null), f.getName());
                assertEquals(f.getName(), VfsErrno.name(-f.getInt(null)), "name of " + f.getName());
                checked++;
            }
        }
        assertEquals(true, checked > 30, "constants checked: " + checked);
    }
}
