package org.opencpm.sip.message;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Header names: the canonical spelling of the headers OpenCPM knows, their compact forms
 * (RFC 3261 §7.3.3, RFC 3841, RFC 4028, RFC 3515, RFC 3892, RFC 6665), and which of them may carry a
 * comma-separated list of values (RFC 3261 §7.3.1).
 */
public final class HeaderNames {

    public static final String ACCEPT = "Accept";
    public static final String ACCEPT_CONTACT = "Accept-Contact";
    public static final String ALLOW = "Allow";
    public static final String ALLOW_EVENTS = "Allow-Events";
    public static final String AUTHORIZATION = "Authorization";
    public static final String CALL_ID = "Call-ID";
    public static final String CONTACT = "Contact";
    public static final String CONTENT_DISPOSITION = "Content-Disposition";
    public static final String CONTENT_ENCODING = "Content-Encoding";
    public static final String CONTENT_LENGTH = "Content-Length";
    public static final String CONTENT_TYPE = "Content-Type";
    public static final String CONTRIBUTION_ID = "Contribution-ID";
    public static final String CONVERSATION_ID = "Conversation-ID";
    public static final String CSEQ = "CSeq";
    public static final String EVENT = "Event";
    public static final String EXPIRES = "Expires";
    public static final String FROM = "From";
    public static final String IN_REPLY_TO_CONTRIBUTION_ID = "InReplyTo-Contribution-ID";
    public static final String MAX_FORWARDS = "Max-Forwards";
    public static final String MESSAGE_UID = "Message-UID";
    public static final String MIN_EXPIRES = "Min-Expires";
    public static final String MIN_SE = "Min-SE";
    public static final String P_ASSERTED_IDENTITY = "P-Asserted-Identity";
    public static final String P_PREFERRED_IDENTITY = "P-Preferred-Identity";
    public static final String P_PREFERRED_SERVICE = "P-Preferred-Service";
    public static final String P_ASSERTED_SERVICE = "P-Asserted-Service";
    public static final String P_SERVED_USER = "P-Served-User";
    public static final String PATH = "Path";
    public static final String PRIVACY = "Privacy";
    public static final String PROXY_REQUIRE = "Proxy-Require";
    public static final String REASON = "Reason";
    public static final String RECORD_ROUTE = "Record-Route";
    public static final String REFER_TO = "Refer-To";
    public static final String REFER_SUB = "Refer-Sub";
    public static final String REFERRED_BY = "Referred-By";
    public static final String REJECT_CONTACT = "Reject-Contact";
    public static final String REQUEST_DISPOSITION = "Request-Disposition";
    public static final String REQUIRE = "Require";
    public static final String RETRY_AFTER = "Retry-After";
    public static final String ROUTE = "Route";
    public static final String SERVER = "Server";
    public static final String SERVICE_ROUTE = "Service-Route";
    public static final String SESSION_EXPIRES = "Session-Expires";
    public static final String SESSION_REPLACES = "Session-Replaces";
    public static final String SUBJECT = "Subject";
    public static final String SUBSCRIPTION_STATE = "Subscription-State";
    public static final String SUPPORTED = "Supported";
    public static final String TIMESTAMP = "Timestamp";
    public static final String TO = "To";
    public static final String UNSUPPORTED = "Unsupported";
    public static final String USER_AGENT = "User-Agent";
    public static final String VIA = "Via";
    public static final String WARNING = "Warning";
    public static final String WWW_AUTHENTICATE = "WWW-Authenticate";

    private static final Map<String, String> CANONICAL = new HashMap<>(256);
    private static final Set<String> LIST_HEADERS;

    static {
        for (String n : new String[] {ACCEPT, ACCEPT_CONTACT, ALLOW, ALLOW_EVENTS, AUTHORIZATION, CALL_ID, CONTACT,
                CONTENT_DISPOSITION, CONTENT_ENCODING, CONTENT_LENGTH, CONTENT_TYPE, CONTRIBUTION_ID, CONVERSATION_ID,
                CSEQ, EVENT, EXPIRES, FROM, IN_REPLY_TO_CONTRIBUTION_ID, MAX_FORWARDS, MESSAGE_UID, MIN_EXPIRES, MIN_SE,
                P_ASSERTED_IDENTITY, P_PREFERRED_IDENTITY, P_PREFERRED_SERVICE, P_ASSERTED_SERVICE, P_SERVED_USER, PATH,
                PRIVACY, PROXY_REQUIRE, REASON, RECORD_ROUTE, REFER_TO, REFER_SUB, REFERRED_BY, REJECT_CONTACT,
                REQUEST_DISPOSITION, REQUIRE, RETRY_AFTER, ROUTE, SERVER, SERVICE_ROUTE, SESSION_EXPIRES,
                SESSION_REPLACES, SUBJECT, SUBSCRIPTION_STATE, SUPPORTED, TIMESTAMP, TO, UNSUPPORTED, USER_AGENT, VIA,
                WARNING, WWW_AUTHENTICATE, "Accept-Encoding", "Accept-Language", "Alert-Info", "Call-Info",
                "Content-Language", "Date", "Error-Info", "In-Reply-To", "MIME-Version", "Organization", "Priority",
                "Proxy-Authenticate", "Proxy-Authorization", "Reply-To", "Identity", "Identity-Info", "RSeq", "RAck",
                "Security-Client", "Security-Server", "Security-Verify", "Replaces", "Target-Dialog", "Referred-By",
                "Authentication-Info", "P-Charging-Vector", "P-Access-Network-Info", "P-Visited-Network-ID",
                "P-Called-Party-ID", "Feature-Caps", "Recv-Info", "Info-Package", "Flow-Timer", "SIP-ETag",
                "SIP-If-Match"}) {
            CANONICAL.put(n.toLowerCase(Locale.ROOT), n);
        }
        String[][] compact = {
            {"i", CALL_ID}, {"m", CONTACT}, {"e", CONTENT_ENCODING}, {"l", CONTENT_LENGTH}, {"c", CONTENT_TYPE},
            {"f", FROM}, {"s", SUBJECT}, {"k", SUPPORTED}, {"t", TO}, {"v", VIA}, {"o", EVENT}, {"u", ALLOW_EVENTS},
            {"r", REFER_TO}, {"b", REFERRED_BY}, {"a", ACCEPT_CONTACT}, {"j", REJECT_CONTACT},
            {"d", REQUEST_DISPOSITION}, {"x", SESSION_EXPIRES}, {"y", "Identity"}, {"n", "Identity-Info"},
        };
        for (String[] c : compact) {
            CANONICAL.put(c[0], c[1]);
        }
        LIST_HEADERS = Set.of(
                "accept", "accept-contact", "accept-encoding", "accept-language", "alert-info", "allow", "allow-events",
                "call-info", "contact", "content-encoding", "content-language", "error-info", "in-reply-to",
                "p-asserted-identity", "p-preferred-identity", "path", "proxy-require", "reason", "record-route",
                "reject-contact", "request-disposition", "require", "route", "service-route", "supported",
                "unsupported", "via", "warning", "security-client", "security-server", "security-verify",
                "p-asserted-service", "p-preferred-service", "feature-caps", "recv-info");
    }

    /*
     * Hot-path tables: names as they are usually written map to their canonical constant without
     * lower-casing (EXACT), and a byte-keyed open-addressing table lets the parser canonicalize a name
     * straight from the input without building a String first (BY_BYTES).
     */
    private static final Map<String, String> EXACT = new HashMap<>(512);
    private static final Set<String> LIST_CANONICAL = new java.util.HashSet<>(64);
    private static final int TABLE_SIZE = 1024;
    private static final byte[][] KEYS = new byte[TABLE_SIZE][];
    private static final String[] VALUES = new String[TABLE_SIZE];
    /** The canonical constants by hash, compared by identity: the cheapest test that a name is already canonical. */
    private static final String[] CONSTANTS = new String[TABLE_SIZE];

    static {
        for (Map.Entry<String, String> e : CANONICAL.entrySet()) {
            EXACT.put(e.getValue(), e.getValue());
            EXACT.put(e.getKey(), e.getValue());
            if (e.getKey().length() == 1) {
                EXACT.put(e.getKey().toUpperCase(Locale.ROOT), e.getValue());
            }
            byte[] key = e.getKey().getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
            int i = lowerHash(key, 0, key.length) & (TABLE_SIZE - 1);
            while (KEYS[i] != null) {
                i = (i + 1) & (TABLE_SIZE - 1);
            }
            KEYS[i] = key;
            VALUES[i] = e.getValue();
            String v = e.getValue();
            int j = spread(v.hashCode()) & (TABLE_SIZE - 1);
            while (CONSTANTS[j] != null && CONSTANTS[j] != v) {
                j = (j + 1) & (TABLE_SIZE - 1);
            }
            CONSTANTS[j] = v;
            if (LIST_HEADERS.contains(e.getKey())) {
                LIST_CANONICAL.add(e.getValue());
            }
        }
    }

    private HeaderNames() {
    }

    /**
     * The canonical spelling of a header name: the compact form expanded, known names in their RFC
     * spelling; unknown names are returned as given.
     */
    public static String canonical(String name) {
        if (isConstant(name)) {
            return name;
        }
        String c = EXACT.get(name);
        if (c != null) {
            return c;
        }
        c = CANONICAL.get(name.toLowerCase(Locale.ROOT));
        return c != null ? c : name;
    }

    /** The canonical constant if {@code name} (any case, or compact) is a known header, else null. */
    public static String known(String name) {
        if (isConstant(name)) {
            return name;
        }
        String c = EXACT.get(name);
        return c != null ? c : CANONICAL.get(name.toLowerCase(Locale.ROOT));
    }

    /**
     * The canonical constant for the header name in {@code b[from, to)} (any case, compact forms
     * expanded), or null if the name is not a known one. The bytes must be a token (RFC 3261 §25.1),
     * as the parser has checked.
     */
    public static String canonical(byte[] b, int from, int to) {
        int i = lowerHash(b, from, to) & (TABLE_SIZE - 1);
        int len = to - from;
        while (true) {
            byte[] k = KEYS[i];
            if (k == null) {
                return null;
            }
            if (k.length == len && equalsLower(k, b, from)) {
                return VALUES[i];
            }
            i = (i + 1) & (TABLE_SIZE - 1);
        }
    }

    /** True if {@code name} is one of the canonical constant instances. */
    private static boolean isConstant(String name) {
        int i = spread(name.hashCode()) & (TABLE_SIZE - 1);
        String c;
        while ((c = CONSTANTS[i]) != null) {
            if (c == name) {
                return true;
            }
            i = (i + 1) & (TABLE_SIZE - 1);
        }
        return false;
    }

    private static int spread(int h) {
        return h ^ (h >>> 16);
    }

    private static int lowerHash(byte[] b, int from, int to) {
        int h = 0;
        for (int i = from; i < to; i++) {
            h = 31 * h + lower(b[i]);
        }
        return h ^ (h >>> 16);
    }

    private static boolean equalsLower(byte[] lowerKey, byte[] b, int from) {
        for (int i = 0; i < lowerKey.length; i++) {
            if (lowerKey[i] != lower(b[from + i])) {
                return false;
            }
        }
        return true;
    }

    /**
     * Case folding by setting bit 0x20: exact for letters, and for the other bytes of a token it
     * never makes one known name's byte out of another token byte (callers check the name is a
     * token first).
     */
    private static int lower(byte c) {
        return c | 0x20;
    }

    /** True if the header's grammar is a comma-separated list, so that a value may carry several elements. */
    public static boolean isList(String name) {
        String k = known(name);
        return k != null ? LIST_CANONICAL.contains(k) : LIST_HEADERS.contains(name.toLowerCase(Locale.ROOT));
    }

    /** Header-name equality (case-insensitive), with a fast path for the canonical constants. */
    public static boolean same(String a, String b) {
        return a == b || (a.length() == b.length() && ((a.charAt(0) ^ b.charAt(0)) & ~0x20) == 0 && a.equalsIgnoreCase(b));
    }
}
