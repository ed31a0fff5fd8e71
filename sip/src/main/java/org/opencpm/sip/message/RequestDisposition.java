package org.opencpm.sip.message;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.opencpm.sip.internal.grammar.Scanner;

/**
 * The Request-Disposition header (RFC 3841 §9.1): how proxies should treat the request, e.g.
 * {@code Request-Disposition: no-fork} to reach a single target.
 *
 * <pre>
 * Request-Disposition = ("Request-Disposition" / "d") HCOLON directive *(COMMA directive)
 * directive = proxy-directive / cancel-directive / fork-directive / recurse-directive
 *           / parallel-directive / queue-directive
 * proxy-directive = "proxy" / "redirect"       cancel-directive   = "cancel" / "no-cancel"
 * fork-directive  = "fork" / "no-fork"         recurse-directive  = "recurse" / "no-recurse"
 * parallel-directive = "parallel" / "sequential"   queue-directive = "queue" / "no-queue"
 * </pre>
 *
 * @param directives in lower case, in order
 */
public record RequestDisposition(List<String> directives) {

    /** Each directive and its opposite: both in one header is a contradiction. */
    private static final Map<String, String> OPPOSITE = Map.ofEntries(
            Map.entry("proxy", "redirect"), Map.entry("redirect", "proxy"),
            Map.entry("cancel", "no-cancel"), Map.entry("no-cancel", "cancel"),
            Map.entry("fork", "no-fork"), Map.entry("no-fork", "fork"),
            Map.entry("recurse", "no-recurse"), Map.entry("no-recurse", "recurse"),
            Map.entry("parallel", "sequential"), Map.entry("sequential", "parallel"),
            Map.entry("queue", "no-queue"), Map.entry("no-queue", "queue"));

    public RequestDisposition {
        directives = List.copyOf(directives);
        if (directives.isEmpty()) {
            throw new IllegalArgumentException("Request-Disposition needs a directive");
        }
    }

    public static RequestDisposition of(String... directives) {
        return parse(String.join(", ", directives));
    }

    public static RequestDisposition parse(String value) {
        Scanner sc = new Scanner(value, HeaderNames.REQUEST_DISPOSITION);
        sc.skipLws();
        List<String> out = new ArrayList<>(2);
        do {
            if (!sc.atToken()) {
                throw sc.fail(sc.atEnd() ? "empty directive" : "illegal character '" + (char) sc.peek() + "'");
            }
            String d = sc.token().toLowerCase(Locale.ROOT);
            String opposite = OPPOSITE.get(d);
            if (opposite == null) {
                throw new SipParseException("Bad Request-Disposition: unknown directive '" + d + "'", sc.position());
            }
            if (out.contains(opposite)) {
                throw new SipParseException("Bad Request-Disposition: both " + opposite + " and " + d, sc.position());
            }
            if (!out.contains(d)) {
                out.add(d);
            }
        } while (sc.acceptSeparator(','));
        sc.skipLws();
        if (!sc.atEnd()) {
            throw sc.fail("unexpected '" + (char) sc.peek() + "'");
        }
        return new RequestDisposition(out);
    }

    public boolean has(String directive) {
        return directives.contains(directive.toLowerCase(Locale.ROOT));
    }

    /** RFC 3841 §9.1: no-fork asks for a single target. */
    public boolean noFork() {
        return has("no-fork");
    }

    @Override
    public String toString() {
        return String.join(", ", directives);
    }
}
