package org.opencpm.store.deferred;

import java.time.Instant;

/**
 * A CPM Group Session in which the Participating Function remains for an unavailable served user
 * (OMA CPM Conv Fnct §8.3.2.9, PF-T-DEF-02…04), as the {@link DeferredGroupStore} holds it.
 *
 * @param id              the store's id of this deferral
 * @param recipient       the served user
 * @param session         which group session
 * @param since           when the deferral started
 * @param participantInfo the latest Participant Information received, or null if none yet
 */
public record DeferredGroupSession(long id, String recipient, GroupSessionRef session, Instant since,
                                   ParticipantInfo participantInfo) {
}
