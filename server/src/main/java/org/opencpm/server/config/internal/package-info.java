/**
 * Implementation details of the configuration: syntax checks, "did you mean" suggestions, and the
 * generator of {@code docs/configuration.md}. Not an API.
 */
package org.opencpm.server.config.internal;
