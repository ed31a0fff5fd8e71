package org.opencpm.store.history;

/**
 * Where a stored object is, as IMAP says it (RFC 3501 §2.3.1.1): its UID in a folder, valid while the
 * folder keeps the same UIDVALIDITY. UIDs grow strictly within a folder and are never reused.
 */
public record MessageUid(long uidValidity, long uid) {

    public MessageUid {
        if (uid <= 0 || uidValidity <= 0) {
            throw new IllegalArgumentException("UID and UIDVALIDITY are positive: " + uidValidity + "/" + uid);
        }
    }

    /**
     * The value written in the folder metadata entries and in the {@code Message-UID} header: the bare
     * UID in decimal. (Reference §15 open question 3; the UID is only meaningful with its folder, whose
     * UIDVALIDITY a reader checks itself.)
     */
    public String value() {
        return Long.toString(uid);
    }
}
