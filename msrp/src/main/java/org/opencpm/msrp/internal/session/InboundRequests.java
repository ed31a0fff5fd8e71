package org.opencpm.msrp.internal.session;

import java.util.List;
import org.opencpm.msrp.ByteRange;
import org.opencpm.msrp.IncomingMessage;
import org.opencpm.msrp.MsrpParseException;
import org.opencpm.msrp.MsrpRequest;
import org.opencpm.msrp.MsrpStatus;
import org.opencpm.msrp.MsrpStatusCodes;
import org.opencpm.msrp.MsrpUri;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Handles requests arriving on an open session (RFC 4975 §7.3), one method per request kind:
 *
 * <ol>
 * <li>SEND: malformed headers or no Message-ID → 400; bodiless (bind or keep-alive, §5.4) → 200;
 *     Content-Type not accepted → 415; otherwise the chunk goes to the {@link Reassembler}, which may
 *     answer 413 (too large) or 400 (Byte-Range and body disagree); else 200. A whole message is
 *     delivered, and a success REPORT sent if asked for (§7.1.3).</li>
 * <li>REPORT: passed on, never answered (§7.1.2).</li>
 * <li>Any other method: 501.</li>
 * </ol>
 * Whether an answer is actually sent depends on Failure-Report; the connection decides that.
 */
final class InboundRequests {

    private static final Logger log = LoggerFactory.getLogger(InboundRequests.class);

    /** What handling a request may do. */
    interface Actions {
        void respond(MsrpRequest request, int code);

        void received(IncomingMessage message);

        void sendReport(String messageId, MsrpStatus status, long total);

        void reportReceived(String messageId, MsrpStatus status, ByteRange range);
    }

    private final MsrpUri localUri;
    private final List<String> acceptTypes;
    private final Reassembler incoming;
    private final Actions actions;

    InboundRequests(MsrpUri localUri, List<String> acceptTypes, Reassembler incoming, Actions actions) {
        this.localUri = localUri;
        this.acceptTypes = acceptTypes;
        this.incoming = incoming;
        this.actions = actions;
    }

    void onRequest(MsrpRequest request) {
        switch (request.method()) {
            case MsrpRequest.SEND: onSend(request); break;
            case MsrpRequest.REPORT: onReport(request); break;
            default:
                log.info("MSRP session {}: unknown method {}; answering 501", localUri, request.method());
                actions.respond(request, MsrpStatusCodes.UNKNOWN_METHOD);
        }
    }

    private void onSend(MsrpRequest send) {
        try {
            send.byteRange();
            send.failureReport();
            send.successReport();
        } catch (MsrpParseException e) {
            log.info("MSRP session {}: SEND {} malformed ({}); answering 400", localUri, send.transactionId(),
                    e.getMessage());
            actions.respond(send, MsrpStatusCodes.BAD_REQUEST);
            return;
        }
        if (send.messageId() == null) {
            actions.respond(send, MsrpStatusCodes.BAD_REQUEST);
            return;
        }
        if (!send.hasBody()) {
            actions.respond(send, MsrpStatusCodes.OK);
            return;
        }
        if (!AcceptTypes.accepts(acceptTypes, send.contentType())) {
            log.info("MSRP session {}: Content-Type {} not in {}; answering 415", localUri, send.contentType(),
                    acceptTypes);
            actions.respond(send, MsrpStatusCodes.UNSUPPORTED_MEDIA_TYPE);
            return;
        }
        Reassembler.Result result = incoming.accept(send);
        if (result instanceof Reassembler.Result.TooLarge) {
            log.info("MSRP session {}: message {} over the size limit; answering 413", localUri, send.messageId());
            actions.respond(send, MsrpStatusCodes.STOP_SENDING);
        } else if (result instanceof Reassembler.Result.Invalid) {
            log.info("MSRP session {}: SEND {}: {}; answering 400", localUri, send.transactionId(),
                    ((Reassembler.Result.Invalid) result).reason());
            actions.respond(send, MsrpStatusCodes.BAD_REQUEST);
        } else {
            actions.respond(send, MsrpStatusCodes.OK);
        }
        if (result instanceof Reassembler.Result.Complete) {
            Reassembler.Result.Complete done = (Reassembler.Result.Complete) result;
            actions.received(done.message());
            if (send.successReport()) {
                // RFC 4975 §7.1.3: a success report covers the whole message once all of it has arrived.
                actions.sendReport(done.message().messageId(), new MsrpStatus(MsrpStatusCodes.OK, "OK"), done.total());
            }
        }
    }

    private void onReport(MsrpRequest report) {
        try {
            MsrpStatus status = report.status();
            if (status == null || report.messageId() == null) {
                throw new MsrpParseException.InvalidHeader("REPORT without Status or Message-ID", -1);
            }
            actions.reportReceived(report.messageId(), status, report.byteRange());
        } catch (MsrpParseException e) {
            log.info("MSRP session {}: REPORT {} malformed ({}); ignored", localUri, report.transactionId(),
                    e.getMessage());
        }
    }
}
