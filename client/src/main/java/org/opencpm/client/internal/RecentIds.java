package org.opencpm.client.internal;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The keys seen most recently, up to a bound: how the client drops a message redelivered with an
 * {@code imdn.Message-ID} it has already reported (a server may redeliver after a crash), and a
 * notification it has already reported. Owned by the event thread.
 */
final class RecentIds {

    /** How many keys are remembered; older ones are forgotten first. */
    static final int DEFAULT_CAPACITY = 4096;

    private final Map<String, Boolean> seen;

    RecentIds(int capacity) {
        this.seen = new LinkedHashMap<>(64, 0.75f, false) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                return size() > capacity;
            }
        };
    }

    /** Records {@code key}; true if it was new, false if it was seen already. */
    boolean firstTime(String key) {
        return seen.put(key, Boolean.TRUE) == null;
    }
}
