package org.opencpm.store.imdn;

import java.util.Set;

/**
 * The outcome of {@link ImdnCache#checkAndRecord}.
 *
 * @param forward          true: the notification is to be forwarded, and its type is now cached;
 *                         false: a type that suppresses it was already forwarded, nothing was recorded
 * @param alreadyForwarded the types cached for the message before this call (empty on a cache miss)
 */
public record ForwardDecision(boolean forward, Set<DispositionType> alreadyForwarded) {

    public ForwardDecision {
        alreadyForwarded = Set.copyOf(alreadyForwarded);
    }
}
