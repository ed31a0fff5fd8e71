package org.opencpm.store.history;

/**
 * The state of one folder, as IMAP STATUS reports it.
 *
 * @param uidNext  the UID the next object will get at least
 * @param messages how many objects the folder holds
 */
public record FolderStatus(HistoryFolder folder, long uidValidity, long uidNext, int messages) {
}
