package org.opencpm.sip.message;

import java.util.ArrayList;
import java.util.List;
import org.opencpm.sip.internal.grammar.Scanner;

/**
 * An option-tag list, the value of Supported, Require, Proxy-Require and Unsupported
 * (RFC 3261 §20.37, §20.32, §20.29, §20.40): {@code Supported: timer, 100rel, norefersub}.
 *
 * <pre>
 * Supported  = ( "Supported" / "k" ) HCOLON [option-tag *(COMMA option-tag)]
 * Require    = "Require" HCOLON option-tag *(COMMA option-tag)
 * option-tag = token
 * </pre>
 *
 * <p>Tags compare case-sensitively (RFC 3261 §19.2 defines them as tokens registered by exact name).
 *
 * @param tags in order, duplicates removed
 */
public record OptionTags(List<String> tags) {

    public static final OptionTags NONE = new OptionTags(List.of());

    public OptionTags {
        tags = List.copyOf(tags);
    }

    public static OptionTags of(String... tags) {
        return new OptionTags(List.of(tags));
    }

    /** Parses one field's value; {@code header} names the header in faults. An empty value is an empty list. */
    public static OptionTags parse(String value, String header) {
        Scanner sc = new Scanner(value, header);
        sc.skipLws();
        List<String> out = new ArrayList<>(4);
        if (sc.atEnd()) {
            return NONE;
        }
        do {
            if (!sc.atToken()) {
                throw sc.fail(sc.atEnd() ? "empty option-tag" : "illegal character '" + (char) sc.peek() + "'");
            }
            String t = sc.token();
            if (!out.contains(t)) {
                out.add(t);
            }
        } while (sc.acceptSeparator(','));
        sc.skipLws();
        if (!sc.atEnd()) {
            throw sc.fail("unexpected '" + (char) sc.peek() + "'");
        }
        return new OptionTags(out);
    }

    /** All option tags of every field of {@code header} in {@code m} (Supported, Require, ...). */
    public static OptionTags of(SipMessage m, String header) {
        List<String> out = new ArrayList<>(4);
        for (Header h : m.headers().all()) {
            if (h.name().equalsIgnoreCase(HeaderNames.canonical(header))) {
                for (String t : parse(h.value(), HeaderNames.canonical(header)).tags) {
                    if (!out.contains(t)) {
                        out.add(t);
                    }
                }
            }
        }
        return out.isEmpty() ? NONE : new OptionTags(out);
    }

    public boolean contains(String tag) {
        return tags.contains(tag);
    }

    public boolean isEmpty() {
        return tags.isEmpty();
    }

    /** The tags here that {@code supported} lacks: what a 420 lists in Unsupported (RFC 3261 §8.2.2.3). */
    public OptionTags notIn(OptionTags supported) {
        List<String> out = new ArrayList<>(tags.size());
        for (String t : tags) {
            if (!supported.contains(t)) {
                out.add(t);
            }
        }
        return out.isEmpty() ? NONE : new OptionTags(out);
    }

    @Override
    public String toString() {
        return String.join(", ", tags);
    }
}
