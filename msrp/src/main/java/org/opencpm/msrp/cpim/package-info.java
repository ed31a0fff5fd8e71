/**
 * CPIM (RFC 3862) message bodies: {@link org.opencpm.msrp.cpim.CpimMessage} parses, builds and
 * writes the {@code message/cpim} envelope that carries every RCS chat message, file transfer
 * description and disposition notification in MSRP and pager-mode SIP MESSAGE. A codec only:
 * it knows nothing about sessions or procedures. Grammar lives in {@code internal}.
 */
package org.opencpm.msrp.cpim;
