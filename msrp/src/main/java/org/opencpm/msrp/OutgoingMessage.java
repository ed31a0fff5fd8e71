package org.opencpm.msrp;

import java.util.Objects;

/**
 * A message handed to {@link MsrpSession#send}: what is sent, under which Message-ID, with which report
 * requests. Loss events list the outgoing messages that were not acknowledged, so the caller can defer them.
 *
 * @param messageId      the Message-ID of every chunk
 * @param contentType    the Content-Type, e.g. {@code message/cpim}
 * @param body           the whole body; not copied, so do not change it after sending
 * @param successReport  whether the recipient should send a success REPORT
 * @param failureReport  the Failure-Report value; {@link FailureReport#YES} is needed to detect loss (AMB-01)
 */
public record OutgoingMessage(String messageId, String contentType, byte[] body, boolean successReport,
                              FailureReport failureReport) {

    public OutgoingMessage {
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(failureReport, "failureReport");
    }

    /** The body size in bytes. */
    public int size() {
        return body.length;
    }
}
