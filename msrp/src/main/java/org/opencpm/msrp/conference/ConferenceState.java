package org.opencpm.msrp.conference;

import java.util.Optional;

/**
 * The {@code <conference-state>} element (RFC 4575): how many users are in the conference
 * and whether it is active or locked. Not to be confused with {@link ConferenceInfoState}, the
 * subscriber-side view built from successive documents.
 *
 * @param userCount {@code <user-count>}
 * @param active {@code <active>}
 * @param locked {@code <locked>}
 */
public record ConferenceState(Optional<Integer> userCount, Optional<Boolean> active, Optional<Boolean> locked) {

    /** A conference-state with every child absent. */
    public static final ConferenceState EMPTY = new ConferenceState(Optional.empty(), Optional.empty(), Optional.empty());

    /** This element with the children present in {@code change} replacing its own. */
    public ConferenceState mergedWith(ConferenceState change) {
        return new ConferenceState(change.userCount.or(() -> userCount), change.active.or(() -> active),
                change.locked.or(() -> locked));
    }
}
