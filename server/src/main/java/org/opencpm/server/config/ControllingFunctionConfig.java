package org.opencpm.server.config;

import java.time.Duration;

/**
 * Controlling Function settings ({@code controlling-function:}).
 *
 * @param factoryUri        conference factory URI: an INVITE to it creates an ad-hoc group session
 * @param inactivityTimeout a group session with no traffic for this long is ended; zero never ends it
 */
public record ControllingFunctionConfig(String factoryUri, Duration inactivityTimeout) {
}
