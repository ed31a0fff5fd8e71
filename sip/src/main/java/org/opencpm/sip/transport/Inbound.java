package org.opencpm.sip.transport;

import org.opencpm.sip.message.SipMessage;

/**
 * A message received by the transport layer, with the flow it came on. For requests, the top Via
 * already carries {@code received} and {@code rport} as RFC 3261 §18.2.1 and RFC 3581 §4 require.
 */
public record Inbound(SipMessage message, Flow flow) {
}
