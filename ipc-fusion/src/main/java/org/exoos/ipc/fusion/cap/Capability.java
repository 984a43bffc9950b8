package org.exoos.ipc.fusion.cap;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An unforgeable right to attach to one channel: the channel's region name, the generation of
 * the channel's capability entry it was issued for, its rights, and 128 random bits from
 * {@link SecureRandom}. Only the channel's owner makes them ({@link #issue}); it hands the text
 * form ({@link #encode()}) to the one process that should attach, out of band (a command line,
 * a supervisor's message).
 *
 * <p>The shared memory holds only a digest of the token (the first 128 bits of SHA-256 over a
 * domain tag, the channel name, the generation and the token), so a process that can read the
 * channel's memory still cannot produce a token that attaches. The rights in the text are a
 * request; the owner's entry is what grants them.
 *
 * <p>{@link #toString()} never shows the token.
 */
public record Capability(String channel, int generation, int rights, long tokenHigh, long tokenLow) {
    /** Bytes of the digest kept in shared memory. */
    public static final int DIGEST_LENGTH = 16;
    private static final String PREFIX = "exocap1";
    private static final byte[] DOMAIN = "exo-os fusion channel capability v1".getBytes(StandardCharsets.US_ASCII);
    private static final Pattern TEXT = Pattern.compile(
        PREFIX + ":([A-Za-z0-9._-]{1,255}):([0-9]{1,8}):([0-9]{1,2}):([0-9a-f]{32})");
    private static final SecureRandom RANDOM = new SecureRandom();

    public Capability {
        if (!Rights.isValid(rights)) {
            throw new IllegalArgumentException("capability rights " + Rights.describe(rights));
        }
        if (generation <= 0 || generation > CapabilityState.GENERATION_MASK) {
            throw new IllegalArgumentException("capability generation " + generation + " outside 1..2^24-1");
        }
    }

    /** A fresh capability with 128 new random bits. */
    public static Capability issue(final String channel, final int generation, final int rights) {
        return new Capability(channel, generation, rights, RANDOM.nextLong(), RANDOM.nextLong());
    }

    /** {@code exocap1:CHANNEL:GENERATION:RIGHTS:32-hex-digit token}. */
    public String encode() {
        return PREFIX + ":" + channel + ":" + generation + ":" + rights + ":"
            + HexFormat.of().toHexDigits(tokenHigh) + HexFormat.of().toHexDigits(tokenLow);
    }

    /**
     * Parses {@link #encode()}'s form.
     *
     * @throws CapabilityRefusedException naming what is wrong with the text (never echoing it)
     */
    public static Capability parse(final String text) {
        final Matcher m = TEXT.matcher(text == null ? "" : text);
        if (!m.matches()) {
            throw new CapabilityRefusedException("malformed capability: expected "
                + PREFIX + ":CHANNEL:GENERATION:RIGHTS:TOKEN with a 32-hex-digit token");
        }
        final int generation = Integer.parseInt(m.group(2));
        final int rights = Integer.parseInt(m.group(3));
        if (!Rights.isValid(rights) || generation <= 0 || generation > CapabilityState.GENERATION_MASK) {
            throw new CapabilityRefusedException("malformed capability: generation " + generation
                + " or rights " + rights + " out of range");
        }
        final String hex = m.group(4);
        return new Capability(m.group(1), generation, rights,
            HexFormat.fromHexDigitsToLong(hex, 0, 16), HexFormat.fromHexDigitsToLong(hex, 16, 32));
    }

    /** The digest the channel's shared memory keeps for this capability. */
    public byte[] digest() {
        try {
            final MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(DOMAIN);
            sha.update(channel.getBytes(StandardCharsets.US_ASCII));
            sha.update(ByteBuffer.allocate(Integer.BYTES + 2 * Long.BYTES)
                .putInt(generation).putLong(tokenHigh).putLong(tokenLow).array());
            final byte[] full = sha.digest();
            final byte[] kept = new byte[DIGEST_LENGTH];
            System.arraycopy(full, 0, kept, 0, DIGEST_LENGTH);
            return kept;
        } catch (final NoSuchAlgorithmException ex) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", ex);
        }
    }

    @Override
    public String toString() {
        return "Capability[" + channel + ", generation " + generation + ", " + Rights.describe(rights) + "]";
    }
}
