package org.opencpm.store.history;

import java.util.Base64;
import java.util.List;

/**
 * An FT history object (reference §6.6): a {@code multipart/related} object whose root part
 * ({@code Application/X-CPM-File-Transfer}) describes the transfer and whose following parts carry the
 * files, each named by the Content-ID its {@code <file-object>} refers to. Files are base64-encoded,
 * because an IMAP APPEND literal must not carry NUL bytes (RFC 3501 §4.3).
 *
 * @param fileTransferType    {@code 1-1}, {@code Ad-Hoc} or {@code Pre-Defined}
 * @param invitedParticipants the invited URIs, written {@code ;}-separated as in the Session Info object
 */
public record FileTransferHistory(String fileTransferType, List<String> invitedParticipants, List<FileObject> files) {

    public static final String CONTENT_TYPE = "Application/X-CPM-File-Transfer";

    /**
     * One transferred file.
     *
     * @param contentId   the Content-ID without angle brackets
     * @param sdpLines    the file's SDP attributes ({@code a=file-selector:...}, {@code a=file-date:...})
     * @param contentType the file's media type
     * @param content     the file
     */
    public record FileObject(String contentId, List<String> sdpLines, String contentType, byte[] content) {
        public FileObject {
            sdpLines = List.copyOf(sdpLines);
            content = content.clone();
        }
    }

    public FileTransferHistory {
        invitedParticipants = List.copyOf(invitedParticipants);
        files = List.copyOf(files);
    }

    /** The stored object: {@code headers} holds the common headers; this sets Content-Type and body. */
    public StoredObject toObject(StoredObject.Builder headers) {
        StringBuilder b = new StringBuilder(512);
        b.append("--cpm\r\nContent-Type: ").append(CONTENT_TYPE).append("\r\n\r\n")
                .append("<file-transfer-type>").append(Xml.text(fileTransferType)).append("</file-transfer-type>\r\n")
                .append("<invited-participants>").append(Xml.text(String.join(";", invitedParticipants)))
                .append("</invited-participants>\r\n");
        for (FileObject f : files) {
            b.append("<file-object>\r\n <cid>cid:").append(Xml.text(f.contentId())).append("</cid>\r\n <sdp>\r\n");
            for (String line : f.sdpLines()) {
                b.append("  ").append(Xml.text(line)).append("\r\n");
            }
            b.append(" </sdp>\r\n</file-object>\r\n");
        }
        for (FileObject f : files) {
            b.append("--cpm\r\nContent-Type: ").append(f.contentType()).append("\r\n")
                    .append("Content-Transfer-Encoding: base64\r\n")
                    .append("Content-ID: <").append(f.contentId()).append(">\r\n\r\n")
                    .append(Base64.getMimeEncoder().encodeToString(f.content())).append("\r\n");
        }
        b.append("--cpm--\r\n");
        return headers.contentType("multipart/related; boundary=cpm; type=\"" + CONTENT_TYPE + "\"")
                .body(b.toString()).build();
    }
}
