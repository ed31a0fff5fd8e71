package org.opencpm.store.history;

/** A stored object found by a search: its folder and UID. */
public record ObjectLocation(HistoryFolder folder, MessageUid uid) {
}
