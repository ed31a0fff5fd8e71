package org.opencpm.server.config;

import java.util.Optional;

/** Interworking ({@code interworking:}): where the ISF is, if any. Without one, interworking is unavailable. */
public record InterworkingConfig(Optional<TransportAddress> isf) {
}
