/**
 * Disposition notifications (IMDN, RFC 5438) in the Participating Function, one class per procedure of the
 * seeds (001, CR#169 after C126):
 * <ul>
 *   <li>{@link org.opencpm.server.pf.imdn.OriginatingNotification} — §8.2.4, PF-IMDN-O: a notification the
 *       served user's client sends is de-duplicated across the user's devices, a read report sets
 *       {@code \Seen}, nothing is stored, and it goes via the SIP/IP core to the original sender;</li>
 *   <li>{@link org.opencpm.server.pf.imdn.TerminatingNotification} — §8.3.4, PF-IMDN-T: a notification for a
 *       message the served user sent passes the message-id / disposition-type cache and its rules;</li>
 *   <li>{@link org.opencpm.server.pf.imdn.NotificationDelivery} — §8.3.5, PF-IMDN-TD: delivery to the served
 *       user's clients, deferral when none is available, storage next to the original message;</li>
 *   <li>{@link org.opencpm.server.pf.imdn.OnBehalfNotification} — §8.2.5, PF-IMDN-OB: notifications the PF
 *       generates for the served user (negative delivery, clients without IMDN support);</li>
 *   <li>{@link org.opencpm.server.pf.imdn.SessionNotifications} — the same rules for notifications inside a
 *       CPM Session, seen by the B2BUA's MSRP relay.</li>
 * </ul>
 * The cache ({@link org.opencpm.store.imdn.ImdnCache}) is a blocking store behind an asynchronous API: every
 * decision completes on the store's thread and is handed back to the SIP owner thread
 * ({@link org.opencpm.server.pf.imdn.Deduplication}).
 */
package org.opencpm.server.pf.imdn;
