package org.opencpm.store.history;

import java.util.Set;

/** One object read back from a folder: its UID, its flags and its content. */
public record StoredEntry(HistoryFolder folder, long uid, Set<String> flags, StoredObject object) {

    public StoredEntry {
        flags = Set.copyOf(flags);
    }
}
