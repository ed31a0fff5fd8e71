package org.opencpm.store.deferred;

import java.util.EnumSet;
import java.util.Set;

/**
 * A disposition notification the sender of a deferred message asked for, as a token of the CPIM
 * {@code imdn.Disposition-Notification} header (RFC 5438 §6.2.2; {@code interworking} is CPM's own,
 * reference.md §7.1).
 *
 * <p>Stored as a bit set; the bit values are part of the on-disk format and never change.
 */
public enum RequestedNotification {
    POSITIVE_DELIVERY("positive-delivery", 1),
    NEGATIVE_DELIVERY("negative-delivery", 2),
    DISPLAY("display", 4),
    PROCESSING("processing", 8),
    INTERWORKING("interworking", 16);

    private final String token;
    private final int bit;

    RequestedNotification(String token, int bit) {
        this.token = token;
        this.bit = bit;
    }

    /** The header token, e.g. {@code negative-delivery}. */
    public String token() {
        return token;
    }

    static int toBits(Set<RequestedNotification> set) {
        int bits = 0;
        for (RequestedNotification n : set) {
            bits |= n.bit;
        }
        return bits;
    }

    static Set<RequestedNotification> fromBits(int bits) {
        EnumSet<RequestedNotification> set = EnumSet.noneOf(RequestedNotification.class);
        for (RequestedNotification n : values()) {
            if ((bits & n.bit) != 0) {
                set.add(n);
            }
        }
        return set;
    }
}
