package org.opencpm.msrp;

/**
 * A whole message received on a session, after reassembly of its chunks.
 *
 * @param messageId   the Message-ID of its chunks
 * @param contentType the Content-Type
 * @param body        the whole body; owned by the receiver of the event
 * @param headers     the headers of its first chunk, for Success-Report, Failure-Report and extensions
 */
public record IncomingMessage(String messageId, String contentType, byte[] body, MsrpHeaders headers) {

    /** The Success-Report the sender asked for. */
    public boolean successReport() {
        String v = headers.get(MsrpHeaders.SUCCESS_REPORT);
        return v != null && v.trim().equalsIgnoreCase("yes");
    }
}
