/**
 * One configuration declaration per server feature, and the registry
 * {@link org.opencpm.server.config.features.Declarations} that the loader and the reference generator
 * read. A new feature adds its declaration to that registry.
 */
package org.opencpm.server.config.features;
