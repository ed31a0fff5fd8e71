package org.opencpm.store.deferred;

import java.time.Instant;
import java.util.Objects;

/**
 * The latest Participant Information of a group session the Participating Function remains in for a
 * served user (PF-T-DEF-05): the full conference-info document (RFC 4575), delivered to the client with
 * the missed messages.
 *
 * @param contentType normally {@code application/conference-info+xml}
 * @param document    the document's bytes (handed over, not copied)
 * @param updatedAt   when the store received it
 */
public record ParticipantInfo(String contentType, byte[] document, Instant updatedAt) {

    public ParticipantInfo {
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(document, "document");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }
}
