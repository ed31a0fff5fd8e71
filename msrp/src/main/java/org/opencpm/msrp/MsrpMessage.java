package org.opencpm.msrp;

import java.util.List;
import org.opencpm.msrp.internal.grammar.HeaderGrammar;

/**
 * An MSRP request or response (RFC 4975 §7), immutable.
 *
 * <p>Both kinds carry a transaction identifier and header fields; To-Path and From-Path are mandatory
 * in both. The typed accessors parse the raw header text on each call and throw {@link
 * MsrpParseException.InvalidHeader} if the header is missing or malformed.
 */
public sealed interface MsrpMessage permits MsrpRequest, MsrpResponse {

    /** The transact-id of the start line (4 to 32 characters). */
    String transactionId();

    /** All header fields, in wire order. */
    MsrpHeaders headers();

    /** The To-Path URIs, next hop first. */
    default List<MsrpUri> toPath() {
        return HeaderGrammar.path(headers(), MsrpHeaders.TO_PATH);
    }

    /** The From-Path URIs, previous hop first, original sender last. */
    default List<MsrpUri> fromPath() {
        return HeaderGrammar.path(headers(), MsrpHeaders.FROM_PATH);
    }
}
