package org.opencpm.server.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.opencpm.server.config.internal.Syntax;

/**
 * The users listed in the configuration. Any other user of the domain is served too, authorised and
 * with {@link UserPreferences#DEFAULT}. Look-ups ignore URI parameters and the case of scheme and host
 * ({@code <sip:alice@Example.COM;transport=tcp>} finds {@code sip:alice@example.com}); the user part is
 * compared as written.
 */
public final class UsersConfig {
    private static final UsersConfig NONE = new UsersConfig(Map.of());

    private final Map<String, UserConfig> byUri;

    private UsersConfig(Map<String, UserConfig> byUri) {
        this.byUri = byUri;
    }

    /** No user listed. */
    public static UsersConfig none() {
        return NONE;
    }

    /** The given users, keyed by their normalised URI. */
    public static UsersConfig of(Iterable<UserConfig> users) {
        Map<String, UserConfig> m = new LinkedHashMap<>();
        for (UserConfig u : users) {
            if (m.put(Syntax.normalizeUri(u.uri()), u) != null) {
                throw new IllegalArgumentException("user listed twice: " + u.uri());
            }
        }
        return new UsersConfig(Collections.unmodifiableMap(m));
    }

    /** The listed user, if {@code uri} is one. */
    public Optional<UserConfig> find(String uri) {
        return Optional.ofNullable(byUri.get(Syntax.normalizeUri(uri)));
    }

    /** The user's preferences, or the defaults for a user not listed. */
    public UserPreferences preferencesOf(String uri) {
        return find(uri).map(UserConfig::preferences).orElse(UserPreferences.DEFAULT);
    }

    /** Whether the user may use the service; users not listed may. */
    public boolean isAuthorized(String uri) {
        return find(uri).map(UserConfig::authorized).orElse(true);
    }

    /** The listed users, in file order. */
    public Map<String, UserConfig> listed() {
        return byUri;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof UsersConfig other && byUri.equals(other.byUri);
    }

    @Override
    public int hashCode() {
        return byUri.hashCode();
    }

    @Override
    public String toString() {
        return "UsersConfig" + byUri.values();
    }
}
