package org.opencpm.msrp.internal.grammar;

import org.opencpm.msrp.MsrpHeaders;
import org.opencpm.msrp.MsrpParseException;

/**
 * A message that could be framed but not parsed: the start line is known, so a request can still be
 * answered (400, or 413 for a chunk over the size limit) and the connection stays usable.
 *
 * @param startLine the parsed start line
 * @param headers   the header fields read before the failure
 * @param cause     what was wrong; never {@linkplain MsrpParseException#isFatal() fatal}
 */
public record InvalidMsrpMessage(StartLine startLine, MsrpHeaders headers, MsrpParseException cause) {
}
