package org.opencpm.sip.message;

import java.util.List;

/** Creates messages from already-validated parts; for the codec, which lives in another package. */
public final class MessageFactory {

    private MessageFactory() {
    }

    public static SipRequest request(String method, Uri uri, Headers headers, byte[] body) {
        return new SipRequest(method, uri, headers, body);
    }

    /**
     * Headers over {@code fields} without copying them: the caller hands the list over and must not
     * change it afterwards (the parser builds a fresh list per message).
     */
    public static Headers adopt(List<Header> fields) {
        return fields.isEmpty() ? Headers.EMPTY : Headers.wrap(fields);
    }

    /** A request whose top Via, CSeq, From and To the parser has already parsed, so they are not parsed again. */
    public static SipRequest request(String method, Uri uri, Headers headers, byte[] body, Via topVia, CSeq cseq,
                                     Address from, Address to) {
        SipRequest r = new SipRequest(method, uri, headers, body);
        r.prime(topVia, cseq, from, to);
        return r;
    }

    /** Records that the message's head was all US-ASCII on the wire (the parser checked the bytes). */
    public static void markAsciiHead(SipMessage m) {
        m.asciiHead = true;
    }

    /** True if the start line and all header fields of {@code m} are known to be US-ASCII. */
    public static boolean asciiHead(SipMessage m) {
        return m.asciiHead;
    }

    /** Hands the parsed, immutable Contact, Route and Record-Route lists to the message, so that they are not parsed again. */
    public static void primeAddresses(SipMessage m, List<Address> contacts, List<Address> routes,
                                      List<Address> recordRoutes) {
        m.primeAddresses(List.copyOf(contacts), List.copyOf(routes), List.copyOf(recordRoutes));
    }

    /** A response whose top Via, CSeq, From and To the parser has already parsed. */
    public static SipResponse response(int status, String reason, Headers headers, byte[] body, Via topVia, CSeq cseq,
                                       Address from, Address to) {
        SipResponse r = new SipResponse(status, reason, headers, body);
        r.prime(topVia, cseq, from, to);
        return r;
    }

    public static SipResponse response(int status, String reason, Headers headers, byte[] body) {
        return new SipResponse(status, reason, headers, body);
    }
}
