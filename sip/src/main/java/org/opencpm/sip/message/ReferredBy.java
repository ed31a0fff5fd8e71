package org.opencpm.sip.message;

/**
 * The Referred-By header (RFC 3892 §3): who asked for the request, an address with an optional
 * {@code cid} naming a signed body part.
 *
 * <pre>
 * Referred-By         = ("Referred-By" / "b") HCOLON referrer-uri *( SEMI (referredby-id-param / generic-param) )
 * referrer-uri        = ( name-addr / addr-spec )
 * referredby-id-param = "cid" EQUAL sip-clean-msg-id
 * sip-clean-msg-id    = LDQUOT dot-atom "@" (dot-atom / host) RDQUOT
 * </pre>
 */
public record ReferredBy(Address address) {

    public static ReferredBy of(Uri referrer) {
        return new ReferredBy(Address.of(referrer));
    }

    public static ReferredBy parse(String value) {
        Address a = Address.parse(value, HeaderNames.REFERRED_BY);
        if (a.isWildcard()) {
            throw new SipParseException("Bad Referred-By: '*' is not a referrer", 0);
        }
        if (a.params().has("cid")) {
            String raw = a.params().raw("cid");
            if (raw == null || raw.length() < 2 || raw.charAt(0) != '"' || Parameters.unquote(raw).indexOf('@') <= 0) {
                throw new SipParseException("Bad Referred-By: cid must be a quoted msg-id with '@'", -1);
            }
        }
        return new ReferredBy(a);
    }

    public Uri uri() {
        return address.uri();
    }

    /** The unquoted cid (a Content-ID of the body part with the Referred-By token), or null. */
    public String cid() {
        return address.param("cid");
    }

    public ReferredBy withCid(String msgId) {
        return new ReferredBy(address.withParam("cid", Parameters.quote(msgId)));
    }

    @Override
    public String toString() {
        return address.toString();
    }
}
