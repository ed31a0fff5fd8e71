package org.opencpm.sip.message;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.opencpm.sip.internal.grammar.Chars;

/**
 * The feature parameters of a Contact, Accept-Contact or Reject-Contact value (RFC 3840 §9,
 * RFC 3841 §9): which capabilities a UA has, or which a caller asks for.
 *
 * <pre>
 * feature-param    = enc-feature-tag [EQUAL LDQUOT (tag-value-list / string-value) RDQUOT]
 * enc-feature-tag  = base-tags / other-tags          ; other-tags = "+" ftag-name
 * tag-value-list   = tag-value *("," tag-value)
 * tag-value        = ["!"] (token-nobang / boolean / numeric)
 * string-value     = "&lt;" *(qdtext-no-abkt / quoted-pair) "&gt;"
 * </pre>
 *
 * <p>A tag without value is the boolean TRUE. CPM services are named by ICSIs
 * ({@code +g.3gpp.icsi-ref="urn%3Aurn-7%3A3gpp-service.ims.icsi.oma.cpm.session"}) and IARIs
 * ({@code +g.3gpp.iari-ref}): the URN is percent-encoded there because ':' is not a token
 * character (reference §2.5); {@link #icsis()} decodes, {@link #hasIcsi} compares decoded forms.
 * Token values compare case-insensitively, string values ({@code "<urn:gsma:imei:...>"}) exactly.
 */
public final class FeatureTags {

    public static final String SIP_INSTANCE = "+sip.instance";
    public static final String ICSI_REF = "+g.3gpp.icsi-ref";
    public static final String IARI_REF = "+g.3gpp.iari-ref";
    public static final String ISFOCUS = "isfocus";
    public static final String OMA_SIP_IM = "+g.oma.sip-im";

    /** The base-tags of RFC 3840 §9, which need no '+'. */
    private static final Set<String> BASE_TAGS = Set.of("audio", "automata", "class", "duplex", "data", "control",
            "mobility", "description", "events", "priority", "methods", "schemes", "application", "video",
            "language", "type", "isfocus", "actor", "text", "extensions");

    public static final FeatureTags NONE = new FeatureTags(Parameters.EMPTY);

    private final Parameters params;

    private FeatureTags(Parameters params) {
        this.params = params;
    }

    /** The feature parameters among {@code params} (others, such as q, expires or tag, are left out). */
    public static FeatureTags of(Parameters params) {
        List<Parameters.Param> out = new ArrayList<>(params.size());
        for (Parameters.Param p : params.asList()) {
            if (isFeatureTag(p.name())) {
                out.add(p);
            }
        }
        return out.size() == params.size() ? new FeatureTags(params) : new FeatureTags(Parameters.of(out));
    }

    /** The feature tags of a Contact address. */
    public static FeatureTags of(Address contact) {
        return of(contact.params());
    }

    /** True for a base-tag or a '+'-prefixed tag. */
    public static boolean isFeatureTag(String name) {
        return (name.length() > 1 && name.charAt(0) == '+' && Chars.isAlpha(name.charAt(1)))
                || BASE_TAGS.contains(name.toLowerCase(Locale.ROOT));
    }

    public Parameters params() {
        return params;
    }

    public boolean isEmpty() {
        return params.isEmpty();
    }

    public boolean has(String tag) {
        return params.has(tag);
    }

    /** True if the tag is present as a boolean TRUE: without value, or with the value TRUE. */
    public boolean isTrue(String tag) {
        if (!params.has(tag)) {
            return false;
        }
        String v = params.get(tag).orElse(null);
        return v == null || v.equalsIgnoreCase("TRUE");
    }

    /**
     * The elements of a tag-value-list, as written (a leading '!' kept, escapes not decoded); empty if
     * the tag is absent, has no value, or carries a string-value.
     */
    public List<String> values(String tag) {
        String v = params.get(tag).orElse(null);
        if (v == null || v.startsWith("<")) {
            return List.of();
        }
        List<String> out = new ArrayList<>(2);
        for (String e : v.split(",")) {
            String t = e.strip();
            if (!t.isEmpty()) {
                out.add(t);
            }
        }
        return out;
    }

    /** The content of a string-value ({@code "<urn:gsma:imei:...>"} gives {@code urn:gsma:imei:...}), or null. */
    public String string(String tag) {
        String v = params.get(tag).orElse(null);
        if (v == null || v.length() < 2 || v.charAt(0) != '<' || v.charAt(v.length() - 1) != '>') {
            return null;
        }
        return v.substring(1, v.length() - 1);
    }

    /** The {@code +sip.instance} URN (RFC 5626), without angle brackets, or null. */
    public String instance() {
        return string(SIP_INSTANCE);
    }

    /** The ICSIs of {@code +g.3gpp.icsi-ref}, percent-decoded ("urn:urn-7:3gpp-service.ims.icsi.oma.cpm.session"). */
    public List<String> icsis() {
        return decoded(ICSI_REF);
    }

    /** The IARIs of {@code +g.3gpp.iari-ref}, percent-decoded. */
    public List<String> iaris() {
        return decoded(IARI_REF);
    }

    private List<String> decoded(String tag) {
        List<String> raw = values(tag);
        List<String> out = new ArrayList<>(raw.size());
        for (String r : raw) {
            out.add(SipUri.unescape(r));
        }
        return out;
    }

    /** True if {@code urn} is among the ICSIs, in plain or percent-encoded form, ignoring case. */
    public boolean hasIcsi(String urn) {
        return containsIgnoreCase(icsis(), SipUri.unescape(urn));
    }

    /** True if {@code urn} is among the IARIs, in plain or percent-encoded form, ignoring case. */
    public boolean hasIari(String urn) {
        return containsIgnoreCase(iaris(), SipUri.unescape(urn));
    }

    private static boolean containsIgnoreCase(List<String> list, String v) {
        for (String s : list) {
            if (s.equalsIgnoreCase(v)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether these capabilities (a Contact's) satisfy the feature predicate of an Accept-Contact or
     * Reject-Contact value (RFC 3841 §7.2.4, without numeric ranges): every feature in the predicate
     * must be present here, a boolean predicate needs TRUE, a tag-value-list needs one listed value
     * here (a "!x" value is met when x is not here), a string-value must be equal.
     */
    public boolean satisfies(FeatureTags predicate) {
        for (Parameters.Param p : predicate.params.asList()) {
            String tag = p.name();
            if (!params.has(tag)) {
                return false;
            }
            String want = p.value();
            if (want == null || want.equalsIgnoreCase("TRUE")) {
                if (!isTrue(tag)) {
                    return false;
                }
            } else if (want.equalsIgnoreCase("FALSE")) {
                if (isTrue(tag)) {
                    return false;
                }
            } else if (want.startsWith("<")) {
                if (!want.equals(params.get(tag).orElse(null))) {
                    return false;
                }
            } else if (!anyValueMatches(predicate.values(tag), values(tag))) {
                return false;
            }
        }
        return true;
    }

    private static boolean anyValueMatches(List<String> wanted, List<String> have) {
        for (String w : wanted) {
            boolean negated = w.startsWith("!");
            String v = SipUri.unescape(negated ? w.substring(1) : w);
            boolean present = false;
            for (String h : have) {
                if (SipUri.unescape(h).equalsIgnoreCase(v)) {
                    present = true;
                    break;
                }
            }
            if (present != negated) {
                return true;
            }
        }
        return false;
    }

    /**
     * Percent-encodes a URN for a tag-value: every character that is not a token-nobang character
     * (notably ':') becomes %HH, as {@code +g.3gpp.icsi-ref} requires.
     */
    public static String encodeTagValue(String value) {
        StringBuilder sb = new StringBuilder(value.length() + 16);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Chars.isToken(c) && c != '!' && c != '%') {
                sb.append(c);
            } else {
                sb.append('%').append(Character.toUpperCase(Character.forDigit((c >> 4) & 0xF, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xF, 16)));
            }
        }
        return sb.toString();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** {@code ;tag[=value]} for each feature parameter. */
    @Override
    public String toString() {
        return params.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FeatureTags f && params.equals(f.params);
    }

    @Override
    public int hashCode() {
        return params.hashCode();
    }

    /** Builds feature parameters with the quoting and escaping RFC 3840 asks for. */
    public static final class Builder {
        private Parameters params = Parameters.EMPTY;

        /** A boolean tag: {@code ;+g.oma.sip-im}, {@code ;isfocus}. */
        public Builder flag(String tag) {
            check(tag);
            params = params.with(tag, null);
            return this;
        }

        /** A tag-value-list of tokens: {@code ;+g.3gpp.iari-ref="a,b"}; values are written as given. */
        public Builder values(String tag, String... tokens) {
            check(tag);
            params = params.with(tag, '"' + String.join(",", tokens) + '"');
            return this;
        }

        /** A string-value: {@code ;+sip.instance="<urn:uuid:...>"}. */
        public Builder string(String tag, String value) {
            check(tag);
            params = params.with(tag, Parameters.quote('<' + value + '>'));
            return this;
        }

        /** {@code ;+g.3gpp.icsi-ref="..."} with each URN percent-encoded. */
        public Builder icsi(String... urns) {
            return values(ICSI_REF, encodeAll(urns));
        }

        /** {@code ;+g.3gpp.iari-ref="..."} with each URN percent-encoded. */
        public Builder iari(String... urns) {
            return values(IARI_REF, encodeAll(urns));
        }

        public Builder instance(String urn) {
            return string(SIP_INSTANCE, urn);
        }

        private static String[] encodeAll(String[] urns) {
            String[] out = new String[urns.length];
            for (int i = 0; i < urns.length; i++) {
                out[i] = encodeTagValue(urns[i]);
            }
            return out;
        }

        private static void check(String tag) {
            if (!isFeatureTag(tag)) {
                throw new IllegalArgumentException("not a feature tag: " + tag);
            }
        }

        public FeatureTags build() {
            return new FeatureTags(params);
        }
    }
}
