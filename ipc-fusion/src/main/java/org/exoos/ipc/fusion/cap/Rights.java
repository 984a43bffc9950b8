package org.exoos.ipc.fusion.cap;

/** What a capability lets its holder do on a channel: bits of the rights word. */
public final class Rights {
    /** May offer requests on the channel's request ring (holder to owner). */
    public static final int SEND = 1;
    /** May drain the channel's reply ring (owner to holder). */
    public static final int RECEIVE = 2;
    public static final int SEND_RECEIVE = SEND | RECEIVE;
    public static final int ALL = SEND_RECEIVE;

    private Rights() {
    }

    /** Whether {@code rights} is a non-empty set of defined rights. */
    public static boolean isValid(final int rights) {
        return rights != 0 && (rights & ~ALL) == 0;
    }

    /** Whether {@code held} includes every right in {@code wanted}. */
    public static boolean includes(final int held, final int wanted) {
        return (held & wanted) == wanted;
    }

    public static String describe(final int rights) {
        if ((rights & ~ALL) != 0) {
            return "invalid rights 0x" + Integer.toHexString(rights);
        }
        final StringBuilder text = new StringBuilder();
        if ((rights & SEND) != 0) {
            text.append("send");
        }
        if ((rights & RECEIVE) != 0) {
            text.append(text.isEmpty() ? "" : "+").append("receive");
        }
        return text.isEmpty() ? "none" : text.toString();
    }
}
