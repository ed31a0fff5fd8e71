package org.opencpm.server.config;

import java.util.Locale;
import java.util.Objects;

/** A static route: requests for {@code domain} (another operator's PF, an external CF) go to {@code nextHop}. */
public record Route(String domain, TransportAddress nextHop) {

    public Route {
        Objects.requireNonNull(domain, "domain");
        Objects.requireNonNull(nextHop, "nextHop");
        domain = domain.toLowerCase(Locale.ROOT);
    }

    /** Whether this route serves {@code host} (compared without case). */
    public boolean serves(String host) {
        return domain.equals(host.toLowerCase(Locale.ROOT));
    }
}
