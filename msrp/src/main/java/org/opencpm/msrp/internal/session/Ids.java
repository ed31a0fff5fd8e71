package org.opencpm.msrp.internal.session;

import java.security.SecureRandom;
import java.util.Random;
import java.util.SplittableRandom;

/**
 * Transaction ids and Message-IDs. RFC 4975 §7.1: a transaction identifier "MUST contain at least 64 bits of
 * randomness"; each id here is 64 random bits in 16 hex digits (starting with a letter-or-digit, as transact-id
 * requires). Not thread-safe: one instance per owner.
 */
public final class Ids {

    private final SplittableRandom random;

    public Ids() {
        this(new SecureRandom().nextLong());
    }

    /** Deterministic ids, for tests. */
    public Ids(long seed) {
        this.random = new SplittableRandom(seed);
    }

    public String next() {
        return String.format("%016x", random.nextLong());
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
