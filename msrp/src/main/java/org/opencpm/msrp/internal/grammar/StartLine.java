package org.opencpm.msrp.internal.grammar;

import java.nio.charset.StandardCharsets;
import org.opencpm.msrp.MsrpParseException;

/**
 * A parsed MSRP start line (RFC 4975 §9):
 * <pre>
 * req-start  = pMSRP SP transact-id SP method CRLF
 * resp-line  = pMSRP SP transact-id SP status-code [SP comment] CRLF
 * method     = mSEND / mREPORT / other-method ; other-method = 1*UPALPHA
 * </pre>
 *
 * @param transactionId the transact-id
 * @param method        the method of a request, or {@code null} for a response
 * @param code          the status code of a response, or 0 for a request
 * @param comment       the comment of a response, or {@code null}
 */
public record StartLine(String transactionId, String method, int code, String comment) {

    public boolean isRequest() {
        return method != null;
    }

    /** Parses {@code line[from, to)}, the start line without CRLF. */
    public static StartLine parse(byte[] line, int from, int to) {
        if (to - from < 5 || line[from] != 'M' || line[from + 1] != 'S' || line[from + 2] != 'R'
                || line[from + 3] != 'P' || line[from + 4] != ' ') {
            throw new MsrpParseException.InvalidStartLine("start line does not begin with \"MSRP \"", 0);
        }
        int idStart = from + 5;
        int idEnd = idStart;
        while (idEnd < to && line[idEnd] != ' ') {
            idEnd++;
        }
        String id = new String(line, idStart, idEnd - idStart, StandardCharsets.US_ASCII);
        if (!HeaderGrammar.isTransactionId(id)) {
            throw new MsrpParseException.InvalidStartLine("bad transact-id \"" + id + "\"", 5);
        }
        if (idEnd >= to) {
            throw new MsrpParseException.InvalidStartLine("no method or status after transact-id", idEnd - from);
        }
        int restStart = idEnd + 1;
        if (isStatusCode(line, restStart, to)) {
            int code = (line[restStart] - '0') * 100 + (line[restStart + 1] - '0') * 10 + (line[restStart + 2] - '0');
            String comment = null;
            if (restStart + 3 < to) {
                if (line[restStart + 3] != ' ') {
                    throw new MsrpParseException.InvalidStartLine("status code not followed by SP", restStart + 3 - from);
                }
                for (int i = restStart + 4; i < to; i++) {
                    if ((line[i] & 0xff) < 0x20 && line[i] != '\t' || line[i] == 0x7f) {
                        throw new MsrpParseException.InvalidStartLine("control character in comment", i - from);
                    }
                }
                comment = new String(line, restStart + 4, to - restStart - 4, StandardCharsets.UTF_8);
            }
            return new StartLine(id, null, code, comment);
        }
        for (int i = restStart; i < to; i++) {
            if (line[i] < 'A' || line[i] > 'Z') {
                throw new MsrpParseException.InvalidStartLine("method is not 1*UPALPHA", i - from);
            }
        }
        if (restStart == to) {
            throw new MsrpParseException.InvalidStartLine("empty method", restStart - from);
        }
        return new StartLine(id, new String(line, restStart, to - restStart, StandardCharsets.US_ASCII), 0, null);
    }

    private static boolean isStatusCode(byte[] b, int from, int to) {
        return to - from >= 3 && isDigit(b[from]) && isDigit(b[from + 1]) && isDigit(b[from + 2]);
    }

    private static boolean isDigit(byte b) {
        return b >= '0' && b <= '9';
    }
}
