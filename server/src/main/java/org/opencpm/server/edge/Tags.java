package org.opencpm.server.edge;

import java.util.concurrent.ThreadLocalRandom;

/** Random tokens for tags (RFC 3261 §19.3: at least 32 bits of randomness). */
public final class Tags {

    private Tags() {
    }

    /** A new From/To tag: 64 random bits in hex. */
    public static String newTag() {
        return Long.toHexString(ThreadLocalRandom.current().nextLong() | Long.MIN_VALUE);
    }
}
