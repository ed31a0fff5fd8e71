package org.opencpm.msrp.internal.session;

import java.util.Random;
import java.util.SplittableRandom;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Transaction ids and Message-IDs. RFC 4975 §7.1: a transaction identifier "MUST contain at least 64 bits of
 * randomness"; each id here is 64 random bits in 16 hex digits (starting with a letter-or-digit, as transact-id
 * requires).
 *
 * <p>{@link #SHARED} serves every session of the process: it draws from the calling thread's
 * {@link ThreadLocalRandom}, so it holds no state per session and needs no lock. A seeded instance gives
 * repeatable ids for tests and is not thread-safe.
 */
public final class Ids {

    /** The process-wide generator; thread-safe. */
    public static final Ids SHARED = new Ids();

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    /** The seeded generator, or null for {@link ThreadLocalRandom}. */
    private final SplittableRandom seeded;

    private Ids() {
        this.seeded = null;
    }

    /** Deterministic ids, for tests; not thread-safe. */
    public Ids(long seed) {
        this.seeded = new SplittableRandom(seed);
    }

    public String next() {
        return hex16(seeded == null ? ThreadLocalRandom.current().nextLong() : seeded.nextLong());
    }

    /** {@code value} as 16 lower-case hex digits, leading zeros kept. */
    static String hex16(long value) {
        char[] out = new char[16];
        for (int i = 15; i >= 0; i--) {
            out[i] = HEX[(int) value & 0xf];
            value >>>= 4;
        }
        return new String(out);
    }

    /** A session-id for an MSRP URI (RFC 4975 §6: hard to guess; 80 bits here). */
    public static String newSessionId(Random source) {
        StringBuilder sb = new StringBuilder(20);
        for (int i = 0; i < 20; i++) {
            sb.append("abcdefghijklmnopqrstuvwxyz0123456789".charAt(source.nextInt(36)));
        }
        return sb.toString();
    }
}
