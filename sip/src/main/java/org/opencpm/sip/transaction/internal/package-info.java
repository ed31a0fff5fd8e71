/**
 * Not an API. The four transaction state machines of RFC 3261 §17 (Figures 5 to 8, with RFC 6026's
 * Accepted state), the timer enum and the transaction keys, driven by
 * {@link org.opencpm.sip.transaction.TransactionLayer}.
 */
package org.opencpm.sip.transaction.internal;
