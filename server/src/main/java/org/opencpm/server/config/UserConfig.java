package org.opencpm.server.config;

import java.util.Objects;

/**
 * One served user listed under {@code users:}.
 *
 * @param uri         the address of record, {@code sip:user@domain}, host in lower case
 * @param authorized  false: the user's requests get 403 "127 Service not authorised"
 * @param preferences the user's preferences
 */
public record UserConfig(String uri, boolean authorized, UserPreferences preferences) {

    public UserConfig {
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(preferences, "preferences");
    }
}
