package org.opencpm.sip.transport.internal;

import org.opencpm.sip.codec.ParseResult;

/**
 * What {@link SipStreamDecoder} emits when the byte stream can no longer be framed: a head or a
 * message beyond the configured limits, a Content-Length that cannot be trusted, or garbage. After
 * emitting it the decoder discards all further input; the connection handler answers
 * {@code answer} if there is one (e.g. 513 Message Too Large) and closes the connection.
 *
 * @param answer the request that can still be answered, or null if nothing can be answered
 * @param fault  what went wrong, for the log
 * @param offset the stream offset (bytes received on the connection) where the faulty message began
 */
public record StreamFault(ParseResult.BadRequest answer, String fault, long offset) {
}
