package org.exoos.libposix.syscall;

import org.exoos.libposix.LinuxPersonality;

import java.nio.charset.StandardCharsets;

/** uname(2). */
final class SysInfo {
    private SysInfo() {}

    /** Each struct utsname field is a NUL-terminated string in 65 bytes; six fields. */
    static final int UTS_FIELD = 65, UTS_FIELDS = 6;

    static void register(SyscallTable t) {
        t.add("uname", SysInfo::uname);
    }

    static long uname(SyscallContext c) {
        byte[] buf = new byte[UTS_FIELD * UTS_FIELDS];
        String[] fields = {LinuxPersonality.SYSNAME, c.linux().hostname(), LinuxPersonality.RELEASE,
                LinuxPersonality.VERSION, LinuxPersonality.MACHINE, c.linux().domainname()};
        for (int i = 0; i < fields.length; i++) {
            byte[] b = fields[i].getBytes(StandardCharsets.UTF_8);
            System.arraycopy(b, 0, buf, i * UTS_FIELD, Math.min(b.length, UTS_FIELD - 1));
        }
        c.copyOut(c.arg(0), buf);
        return 0;
    }
}
