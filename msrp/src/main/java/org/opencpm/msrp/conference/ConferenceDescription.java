package org.opencpm.msrp.conference;

import java.util.Optional;

/**
 * The subset of {@code <conference-description>} (RFC 4575) a CPM group chat uses: the
 * group's display text and subject, and its maximum size. Other children (free-text, keywords,
 * conf-uris, service-uris, available-media) are skipped on input and not written.
 *
 * @param displayText {@code <display-text>}
 * @param subject {@code <subject>}, the group chat subject
 * @param maximumUserCount {@code <maximum-user-count>}
 */
public record ConferenceDescription(Optional<String> displayText, Optional<String> subject,
        Optional<Integer> maximumUserCount) {

    /** A description with every child absent. */
    public static final ConferenceDescription EMPTY =
            new ConferenceDescription(Optional.empty(), Optional.empty(), Optional.empty());

    /** This description with the children present in {@code change} replacing its own. */
    public ConferenceDescription mergedWith(ConferenceDescription change) {
        return new ConferenceDescription(change.displayText.or(() -> displayText), change.subject.or(() -> subject),
                change.maximumUserCount.or(() -> maximumUserCount));
    }
}
