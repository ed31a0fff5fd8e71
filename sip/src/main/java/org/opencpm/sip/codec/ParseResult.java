package org.opencpm.sip.codec;

import org.opencpm.sip.message.Headers;
import org.opencpm.sip.message.SipMessage;

/**
 * What the parser made of one framed message. A transport acts on it as RFC 3261 and RFC 4475 ask:
 * pass a {@link Parsed} message up, answer a {@link BadRequest} with its status and fault as the
 * reason phrase, drop an {@link Unparseable} message (a broken response, or a request whose Via
 * cannot be read, so nothing could route an answer) and count it.
 */
public sealed interface ParseResult {

    /** A well-formed message whose mandatory headers have been validated. */
    record Parsed(SipMessage message) implements ParseResult {
    }

    /**
     * A request that breaks the grammar but can still be answered: {@code headers} hold the fields as
     * received, enough to copy Via, From, To, Call-ID and CSeq into the response.
     *
     * @param status 400 in general, 505 for an unsupported SIP version, 513 for a message too large
     * @param fault  the fault, to be the reason phrase
     */
    record BadRequest(int status, String fault, String method, Headers headers) implements ParseResult {
    }

    /** Input that cannot be answered: a malformed response, or garbage. */
    record Unparseable(String fault, int offset) implements ParseResult {
    }
}
