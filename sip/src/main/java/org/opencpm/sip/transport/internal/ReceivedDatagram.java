package org.opencpm.sip.transport.internal;

import java.net.InetSocketAddress;
import org.opencpm.sip.codec.ParseResult;

/** What {@link SipDatagramDecoder} emits for one UDP datagram: the parse result and the datagram's source. */
public record ReceivedDatagram(ParseResult result, InetSocketAddress sender) {
}
