package org.opencpm.server.cf;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.opencpm.msrp.xml.SafeXml;
import org.opencpm.msrp.xml.XmlBodyException;
import org.opencpm.msrp.xml.XmlReader;
import org.opencpm.sip.message.ContentType;
import org.opencpm.sip.message.HeaderNames;
import org.opencpm.sip.message.MultipartBody;
import org.opencpm.sip.message.SipRequest;

/**
 * The two parts of an RFC 5366 {@code recipient-list-invite}: the SDP offer and the URIs of the
 * {@code application/resource-lists+xml} part (RFC 4826, {@code Content-Disposition: recipient-list}),
 * read with {@link SafeXml}. A plain SDP body (re-join, restart to the focus URI) has no recipients.
 */
public record ResourceLists(String sdp, List<String> recipients) {

    static final String NAMESPACE = "urn:ietf:params:xml:ns:resource-lists";

    /** Thrown for a body a focus cannot use; the message becomes the 400 reason phrase. */
    public static final class BadBody extends Exception {
        BadBody(String message) {
            super(message);
        }
    }

    /** Splits the INVITE body; throws {@link BadBody} naming the fault. */
    public static ResourceLists of(SipRequest invite) throws BadBody {
        String ct = invite.contentType();
        if (ct == null) {
            throw new BadBody("SDP offer required");
        }
        ContentType type;
        try {
            type = ContentType.parse(ct);
        } catch (RuntimeException e) {
            throw new BadBody("Bad Content-Type");
        }
        String media = type.mediaType().toLowerCase(Locale.ROOT);
        if (media.equals("application/sdp")) {
            return new ResourceLists(invite.bodyAsString(), List.of());
        }
        if (!media.equals("multipart/mixed")) {
            throw new BadBody("Unsupported body " + media);
        }
        MultipartBody body;
        try {
            body = MultipartBody.parse(type, invite.body());
        } catch (RuntimeException e) {
            throw new BadBody("Bad multipart body");
        }
        MultipartBody.Part sdp = body.first("application/sdp");
        if (sdp == null) {
            throw new BadBody("SDP offer required");
        }
        List<String> recipients = new ArrayList<>();
        for (MultipartBody.Part p : body.parts()) {
            if (p.contentType().mediaType().equalsIgnoreCase("application/resource-lists+xml")) {
                String disposition = p.header(HeaderNames.CONTENT_DISPOSITION);
                if (disposition == null || disposition.toLowerCase(Locale.ROOT).startsWith("recipient-list")) {
                    recipients.addAll(parseList(p.body()));
                }
            }
        }
        return new ResourceLists(sdp.bodyAsString(), List.copyOf(recipients));
    }

    /** The entry URIs of a resource-lists document, in order, nested lists flattened. */
    static List<String> parseList(byte[] xml) throws BadBody {
        List<String> out = new ArrayList<>();
        try {
            XmlReader r = SafeXml.defaults().reader(xml);
            r.requireRoot(NAMESPACE, "resource-lists");
            while (r.nextChild()) {
                readList(r, out);
            }
        } catch (XmlBodyException e) {
            throw new BadBody("Bad resource list");
        }
        return out;
    }

    private static void readList(XmlReader r, List<String> out) throws XmlBodyException {
        if (r.is(NAMESPACE, "entry")) {
            r.attribute("uri").ifPresent(out::add);
            r.skipElement();
        } else if (r.is(NAMESPACE, "list")) {
            while (r.nextChild()) {
                readList(r, out);
            }
        } else {
            r.skipElement();
        }
    }

    /** A resource-lists document for {@code uris} (tests and restarts). */
    public static String document(List<String> uris) {
        StringBuilder sb = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\r\n<resource-lists xmlns=\"")
                .append(NAMESPACE).append("\" xmlns:cp=\"urn:ietf:params:xml:ns:copycontrol\">\r\n <list>\r\n");
        for (String u : uris) {
            sb.append("  <entry uri=\"").append(u.replace("&", "&amp;").replace("\"", "&quot;").replace("<", "&lt;"))
                    .append("\" cp:copyControl=\"to\"/>\r\n");
        }
        return sb.append(" </list>\r\n</resource-lists>\r\n").toString();
    }
}
