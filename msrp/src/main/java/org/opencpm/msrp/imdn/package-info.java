/**
 * Disposition notifications (RFC 5438 and the OMA CPM interworking extension):
 * {@link org.opencpm.msrp.imdn.ImdnDocument} is one {@code message/imdn+xml} document with a sealed
 * {@link org.opencpm.msrp.imdn.Notification}; {@link org.opencpm.msrp.imdn.ImdnMessages} wraps
 * documents in CPIM (single or aggregated) and unwraps them. The request side (the
 * {@code imdn.Disposition-Notification} header) is read from
 * {@link org.opencpm.msrp.cpim.CpimMessage#dispositionNotification()}.
 */
package org.opencpm.msrp.imdn;
