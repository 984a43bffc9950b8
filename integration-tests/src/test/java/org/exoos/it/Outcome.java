package org.exoos.it;

import java.nio.charset.StandardCharsets;

/** What one run of a program produced: its exit status (128+signal when killed) and its two output streams. */
public record Outcome(int status, byte[] stdout, byte[] stderr) {

    public String stdoutText() {
        return new String(stdout, StandardCharsets.UTF_8);
    }

    public String stderrText() {
        return new String(stderr, StandardCharsets.UTF_8);
    }

    /** A short summary for failure messages: the status and the tail of stderr. */
    public String summary() {
        String err = stderrText().strip();
        if (err.length() > 2000) {
            err = "..." + err.substring(err.length() - 2000);
        }
        return "status " + status + ", " + stdout.length + " bytes on stdout"
                + (err.isEmpty() ? ", nothing on stderr" : ", stderr:\n" + err.indent(4));
    }
}
