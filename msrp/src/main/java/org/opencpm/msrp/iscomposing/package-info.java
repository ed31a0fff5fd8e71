/**
 * Is-composing indications (RFC 3994): {@link org.opencpm.msrp.iscomposing.IsComposing} parses and
 * writes {@code application/im-iscomposing+xml}.
 */
package org.opencpm.msrp.iscomposing;
