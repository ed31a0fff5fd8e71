package org.opencpm.server.config;

import java.util.List;
import org.opencpm.server.config.internal.Syntax;

/**
 * A served user's CPM preferences, the configuration stand-in for the XDMS policy rule of enabler "CPM"
 * (requirements.md §7) and the chat Blacklist.
 *
 * @param allowOfflineStorage store conversation history and IMDNs in the Message Store (PF-IMDN-TD-04)
 * @param allowStore          store messages in the Message Store
 * @param allowDefer          defer messages and sessions while the user has no suitable client
 * @param doNotDisturb        terminating INVITEs get 480
 * @param blacklist           senders whose requests get 403 "122 Function not allowed"; SIP or TEL URIs
 */
public record UserPreferences(boolean allowOfflineStorage, boolean allowStore, boolean allowDefer,
                              boolean doNotDisturb, List<String> blacklist) {

    /** What a user who is not listed, or lists no preferences, gets. */
    public static final UserPreferences DEFAULT = new UserPreferences(true, true, true, false, List.of());

    public UserPreferences {
        blacklist = List.copyOf(blacklist);
    }

    /** Whether {@code uri} is blacklisted; parameters are ignored and the host compared without case. */
    public boolean isBlacklisted(String uri) {
        String n = Syntax.normalizeUri(uri);
        return blacklist.stream().anyMatch(b -> Syntax.normalizeUri(b).equals(n));
    }
}
