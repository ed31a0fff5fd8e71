package org.opencpm.server.config;

import java.util.List;

/** Where the server listens: SIP on one or more transport addresses, MSRP on one ({@code listen:}). */
public record ListenConfig(List<TransportAddress> sip, TransportAddress msrp) {

    public ListenConfig {
        sip = List.copyOf(sip);
        if (sip.isEmpty()) {
            throw new IllegalArgumentException("at least one SIP listener is needed");
        }
    }
}
