package org.opencpm.store.imdn;

import java.util.EnumSet;
import java.util.Set;

/**
 * The kind of a disposition notification, as {@code <message-id>}'s sibling element names it (RFC 5438
 * §7.2; {@code interworking} from the CPM IMDN extensions): the disposition types AMB-19 (c) lists.
 *
 * <p>Stored as a bit set; the bit values are part of the on-disk format and never change.
 */
public enum DispositionType {
    DELIVERY(1),
    DISPLAY(2),
    PROCESSING(4),
    INTERWORKING(8);

    private final int bit;

    DispositionType(int bit) {
        this.bit = bit;
    }

    int bit() {
        return bit;
    }

    static int toBits(Set<DispositionType> set) {
        int bits = 0;
        for (DispositionType t : set) {
            bits |= t.bit;
        }
        return bits;
    }

    static Set<DispositionType> fromBits(int bits) {
        EnumSet<DispositionType> set = EnumSet.noneOf(DispositionType.class);
        for (DispositionType t : values()) {
            if ((bits & t.bit) != 0) {
                set.add(t);
            }
        }
        return set;
    }
}
