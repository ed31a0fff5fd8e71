/**
 * The SIP transaction layer (RFC 3261 §17, RFC 6026): {@link org.opencpm.sip.transaction.TransactionLayer}
 * on top of a {@link org.opencpm.sip.transport.SipTransportLayer}, below one
 * {@link org.opencpm.sip.transaction.TransactionUser}. Client transactions report through a
 * {@link org.opencpm.sip.transaction.ClientTransactionListener}; timers take their values from
 * {@link org.opencpm.sip.transaction.SipTimers} and run on the injected scheduler. The state machines
 * themselves live in {@code transaction.internal}, one class per RFC figure.
 */
package org.opencpm.sip.transaction;
