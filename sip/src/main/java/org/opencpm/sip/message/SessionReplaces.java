package org.opencpm.sip.message;

/**
 * The {@code Session-Replaces} header of OMA CPM (reference §2.2): the Contribution-ID of the session
 * that the session being set up replaces, e.g. when a 1-1 chat is extended to a group chat the CF
 * copies {@code ?Session-Replaces=C1} from the resource list into the INVITE to that participant.
 */
public record SessionReplaces(ContributionId replaced) {

    public static SessionReplaces parse(String text) {
        return new SessionReplaces(new ContributionId(CpmToken.parse(text, HeaderNames.SESSION_REPLACES)));
    }

    public static SessionReplaces of(String contributionId) {
        return new SessionReplaces(new ContributionId(contributionId));
    }

    @Override
    public String toString() {
        return replaced.value();
    }
}
