/**
 * How a server feature declares its configuration keys (Flexisip style): a
 * {@link org.opencpm.server.config.schema.ConfigDeclaration} lists
 * {@link org.opencpm.server.config.schema.ConfigKey}s, each with a
 * {@link org.opencpm.server.config.schema.ValueType}, a default and a description. The same
 * declarations drive validation (unknown keys, types, ranges, with file and line) and the generated
 * reference.
 */
package org.opencpm.server.config.schema;
