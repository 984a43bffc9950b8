package org.exoos.servers.tty;

/**
 * Terminal ioctl request numbers (asm-generic/ioctls.h, which riscv64 uses unchanged) and the
 * argument values some of them take (asm-generic/termbits*.h).
 */
public final class TtyIoctl {
    private TtyIoctl() {}

    // ---- Requests ----
    /** Get struct termios (36 bytes). */
    public static final int TCGETS = 0x5401;
    /** Set struct termios now. */
    public static final int TCSETS = 0x5402;
    /** Set struct termios after the output queue has drained. */
    public static final int TCSETSW = 0x5403;
    /** Drain output, flush pending input, then set struct termios. */
    public static final int TCSETSF = 0x5404;
    public static final int TCGETA = 0x5405, TCSETA = 0x5406, TCSETAW = 0x5407, TCSETAF = 0x5408;
    /** tcdrain (arg != 0) or tcsendbreak (arg == 0). */
    public static final int TCSBRK = 0x5409;
    /** tcflow: arg is TCOOFF, TCOON, TCIOFF or TCION. */
    public static final int TCXONC = 0x540A;
    /** tcflush: arg is TCIFLUSH, TCOFLUSH or TCIOFLUSH. */
    public static final int TCFLSH = 0x540B;
    public static final int TIOCEXCL = 0x540C, TIOCNXCL = 0x540D;
    /** Make this terminal the caller's controlling terminal. */
    public static final int TIOCSCTTY = 0x540E;
    /** Get the foreground process group (pid_t, 4 bytes). */
    public static final int TIOCGPGRP = 0x540F;
    /** Set the foreground process group (pid_t, 4 bytes). */
    public static final int TIOCSPGRP = 0x5410;
    /** Bytes in the output queue (int). */
    public static final int TIOCOUTQ = 0x5411;
    public static final int TIOCSTI = 0x5412;
    /** Get struct winsize (8 bytes). */
    public static final int TIOCGWINSZ = 0x5413;
    /** Set struct winsize (8 bytes); SIGWINCH to the foreground group if it changed. */
    public static final int TIOCSWINSZ = 0x5414;
    /** Bytes readable now (int); same number as TIOCINQ. */
    public static final int FIONREAD = 0x541B;
    public static final int TIOCINQ = FIONREAD;
    public static final int TIOCCONS = 0x541D;
    public static final int FIONBIO = 0x5421;
    /** Give up the controlling terminal. */
    public static final int TIOCNOTTY = 0x5422;
    public static final int TIOCSETD = 0x5423, TIOCGETD = 0x5424;
    public static final int TCSBRKP = 0x5425;
    /** Get the session id of the terminal's session. */
    public static final int TIOCGSID = 0x5429;
    public static final int TIOCVHANGUP = 0x5437;
    public static final int FIONCLEX = 0x5450, FIOCLEX = 0x5451, FIOASYNC = 0x5452;

    // ---- tcsetattr optional_actions (glibc maps them to TCSETS, TCSETSW, TCSETSF) ----
    public static final int TCSANOW = 0, TCSADRAIN = 1, TCSAFLUSH = 2;

    // ---- TCXONC arguments ----
    /** Suspend output. */
    public static final int TCOOFF = 0;
    /** Restart suspended output. */
    public static final int TCOON = 1;
    /** Send a STOP character. */
    public static final int TCIOFF = 2;
    /** Send a START character. */
    public static final int TCION = 3;

    // ---- TCFLSH arguments ----
    /** Discard data received but not yet read. */
    public static final int TCIFLUSH = 0;
    /** Discard data written but not yet sent. */
    public static final int TCOFLUSH = 1;
    /** Both. */
    public static final int TCIOFLUSH = 2;
}
