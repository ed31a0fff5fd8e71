/**
 * The server configuration: an immutable tree of records ({@link org.opencpm.server.config.ServerConfig}
 * and the per-feature records it holds), read from YAML by {@link org.opencpm.server.config.ConfigLoader}.
 *
 * <p>This package is the API the rest of the server uses. The keys themselves are declared feature by
 * feature in {@code …config.features}, with the declaration mechanism in {@code …config.schema}; the
 * reference {@code docs/configuration.md} is generated from those declarations.
 */
package org.opencpm.server.config;
