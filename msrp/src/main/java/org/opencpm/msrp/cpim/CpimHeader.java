package org.opencpm.msrp.cpim;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.opencpm.msrp.cpim.internal.CpimGrammar;

/**
 * One CPIM message header line (RFC 3862 §3.1), as written: its name (possibly prefixed, as in
 * {@code imdn.Message-ID}), its parameters (as in {@code Subject:;lang=fr}) and its value.
 *
 * <pre>
 * Header       = Header-name ":" *( ";" Parameter ) SP Header-value CRLF
 * Header-name  = [ Name-prefix "." ] Name
 * </pre>
 *
 * <p>Parameter values are kept as written (a quoted string keeps its quotes); a parameter without
 * a value maps to {@code ""}. The prefix is not resolved here: {@link CpimMessage} resolves it
 * through the message's {@code NS} headers.
 *
 * @param name the header name, e.g. {@code From} or {@code imdn.Message-ID}
 * @param parameters the header parameters in order, e.g. {@code lang -> fr}
 * @param value the header value, without the separating space; surrounding whitespace is removed
 */
public record CpimHeader(String name, Map<String, String> parameters, String value) {

    /**
     * Validates and copies.
     *
     * @throws IllegalArgumentException if the name is not an RFC 3862 header name, a parameter
     *     name is not a {@code Name}, or the value holds control characters
     */
    public CpimHeader {
        if (!CpimGrammar.isHeaderName(name)) {
            throw new IllegalArgumentException("not a CPIM header name: '" + name + "'");
        }
        for (Map.Entry<String, String> p : parameters.entrySet()) {
            if (!CpimGrammar.isName(p.getKey()) || CpimGrammar.hasControl(p.getValue())) {
                throw new IllegalArgumentException("bad CPIM header parameter: " + p);
            }
        }
        if (CpimGrammar.hasControl(value)) {
            throw new IllegalArgumentException("control character in CPIM header value: " + name);
        }
        value = value.strip();
        parameters = parameters.isEmpty() ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
    }

    /** A header without parameters. */
    public static CpimHeader of(String name, String value) {
        return new CpimHeader(name, Map.of(), value);
    }

    /** The namespace prefix, e.g. {@code imdn} for {@code imdn.Message-ID}; empty for reserved headers. */
    public Optional<String> prefix() {
        int dot = name.indexOf('.');
        return dot < 0 ? Optional.empty() : Optional.of(name.substring(0, dot));
    }

    /** The name without its prefix, e.g. {@code Message-ID}. */
    public String localName() {
        int dot = name.indexOf('.');
        return dot < 0 ? name : name.substring(dot + 1);
    }

    /** The header line as serialized, without the CRLF. */
    @Override
    public String toString() {
        StringBuilder line = new StringBuilder(name).append(':');
        parameters.forEach((k, v) -> {
            line.append(';').append(k);
            if (!v.isEmpty()) {
                line.append('=').append(v);
            }
        });
        return line.append(' ').append(value).toString();
    }
}
