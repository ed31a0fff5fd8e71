package org.opencpm.sip.message;

import java.util.Locale;
import java.util.Objects;
import org.opencpm.sip.internal.grammar.Scanner;

/**
 * The Content-Type header (RFC 3261 §20.15, RFC 2045 §5.1): {@code multipart/mixed;boundary=xyz}.
 * Type and subtype compare case-insensitively, as do parameter names; parameter values keep their
 * case (a multipart boundary is case-sensitive).
 *
 * <pre>
 * Content-Type = ("Content-Type" / "c") HCOLON media-type
 * media-type   = m-type SLASH m-subtype *(SEMI m-parameter)
 * m-parameter  = m-attribute EQUAL m-value     ; m-value = token / quoted-string
 * </pre>
 */
public final class ContentType {

    public static final ContentType SDP = of("application", "sdp");
    public static final ContentType CPIM = of("message", "cpim");
    public static final ContentType RESOURCE_LISTS = of("application", "resource-lists+xml");
    public static final ContentType TEXT_PLAIN = of("text", "plain");

    private final String type;
    private final String subtype;
    private final Parameters params;

    private ContentType(String type, String subtype, Parameters params) {
        this.type = type;
        this.subtype = subtype;
        this.params = params;
    }

    public static ContentType of(String type, String subtype) {
        return new ContentType(type, subtype, Parameters.EMPTY);
    }

    public static ContentType parse(String text) {
        Scanner sc = new Scanner(text, HeaderNames.CONTENT_TYPE);
        sc.skipLws();
        if (!sc.atToken()) {
            throw sc.fail("expected a media type");
        }
        String type = sc.token();
        if (!sc.acceptSeparator('/')) {
            throw sc.fail("expected '/' after type");
        }
        if (!sc.atToken()) {
            throw sc.fail("expected a subtype");
        }
        String subtype = sc.token();
        Parameters params = Parameters.parse(sc, true);
        for (Parameters.Param p : params.asList()) {
            if (p.rawValue() == null) {
                throw new SipParseException("Bad Content-Type: parameter '" + p.name() + "' without value", -1);
            }
        }
        sc.skipLws();
        if (!sc.atEnd()) {
            throw sc.fail("unexpected '" + (char) sc.peek() + "'");
        }
        return new ContentType(type, subtype, params);
    }

    public String type() {
        return type;
    }

    public String subtype() {
        return subtype;
    }

    public Parameters params() {
        return params;
    }

    /** "type/subtype" in lower case. */
    public String mediaType() {
        return (type + "/" + subtype).toLowerCase(Locale.ROOT);
    }

    /** True if type and subtype match, ignoring case and parameters. */
    public boolean is(String type, String subtype) {
        return this.type.equalsIgnoreCase(type) && this.subtype.equalsIgnoreCase(subtype);
    }

    /** True if the media type matches {@code "type/subtype"}, ignoring case and parameters. */
    public boolean is(String mediaType) {
        int slash = mediaType.indexOf('/');
        return slash > 0 && is(mediaType.substring(0, slash), mediaType.substring(slash + 1));
    }

    public boolean isMultipart() {
        return type.equalsIgnoreCase("multipart");
    }

    /** The unquoted value of a parameter, or null. */
    public String param(String name) {
        return params.get(name).orElse(null);
    }

    /** The multipart boundary, or null. */
    public String boundary() {
        return param("boundary");
    }

    public String charset() {
        return param("charset");
    }

    /** A copy with a parameter set; values that are not tokens are quoted. */
    public ContentType withParam(String name, String value) {
        boolean token = org.opencpm.sip.internal.grammar.Chars.isToken(value);
        return new ContentType(type, subtype, params.with(name, token ? value : Parameters.quote(value)));
    }

    /** Same type and subtype (ignoring case) and the same parameters. */
    @Override
    public boolean equals(Object o) {
        return o instanceof ContentType c && is(c.type, c.subtype) && params.equals(c.params);
    }

    @Override
    public int hashCode() {
        return Objects.hash(mediaType(), params);
    }

    @Override
    public String toString() {
        return type + "/" + subtype + params;
    }
}
