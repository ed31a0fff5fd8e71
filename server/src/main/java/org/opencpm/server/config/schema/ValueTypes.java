package org.opencpm.server.config.schema;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.opencpm.server.config.HostPort;
import org.opencpm.server.config.TransportAddress;
import org.opencpm.server.config.TransportAddress.Transport;
import org.opencpm.server.config.internal.Syntax;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * The scalar value types configuration keys use. Each says in its {@link ValueType#accepted()} what
 * it takes, which error messages repeat after "expected".
 */
public final class ValueTypes {
    private ValueTypes() {
    }

    private static final Pattern DURATION = Pattern.compile("(-?\\d+)\\s*(ms|s|m|h|d)?");
    private static final Pattern SIZE = Pattern.compile("(-?\\d+)\\s*(B|KiB|MiB|GiB)?");
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9.!%*_+`'~-]+");
    private static final long KIB = 1024;
    private static final long MIB = KIB * 1024;
    private static final long GIB = MIB * 1024;

    /** A scalar type: everything but a scalar is refused before {@link #parse} runs. */
    public abstract static class Scalar<T> implements ValueType<T> {
        private final String typeName;
        private final String accepted;

        protected Scalar(String typeName, String accepted) {
            this.typeName = typeName;
            this.accepted = accepted;
        }

        @Override
        public String typeName() {
            return typeName;
        }

        @Override
        public String accepted() {
            return accepted;
        }

        @Override
        public final T read(Node node, Reading reading) throws BadValueException {
            if (!(node instanceof ScalarNode s) || YamlNodes.isNull(node)) {
                throw YamlNodes.notAccepted(node);
            }
            return parse(s);
        }

        protected abstract T parse(ScalarNode node) throws BadValueException;
    }

    /**
     * A scalar parsed from its text, where the parser's {@link IllegalArgumentException} message says
     * what is wrong. An unquoted YAML boolean ({@code true}, {@code no}) is refused: it is almost always
     * a value put under the wrong key.
     */
    private static <T> Scalar<T> textual(String typeName, String accepted, Function<String, T> parser,
                                         Function<T, String> renderer) {
        return textual(typeName, accepted, parser, renderer, false);
    }

    private static <T> Scalar<T> textual(String typeName, String accepted, Function<String, T> parser,
                                         Function<T, String> renderer, boolean booleansAsText) {
        return new Scalar<>(typeName, accepted) {
            @Override
            protected T parse(ScalarNode node) throws BadValueException {
                if (!booleansAsText && Tag.BOOL.equals(node.getTag())) {
                    throw YamlNodes.notAccepted(node);
                }
                try {
                    return parser.apply(node.getValue().trim());
                } catch (IllegalArgumentException e) {
                    throw new BadValueException(e.getMessage());
                }
            }

            @Override
            public String render(T value) {
                return renderer.apply(value);
            }
        };
    }

    /** {@code true} or {@code false} (YAML 1.1 {@code yes}/{@code no}/{@code on}/{@code off} too, unquoted). */
    public static ValueType<Boolean> bool() {
        return new Scalar<>("boolean", "true or false") {
            @Override
            protected Boolean parse(ScalarNode node) throws BadValueException {
                if (!Tag.BOOL.equals(node.getTag())) {
                    throw YamlNodes.notAccepted(node);
                }
                String v = node.getValue().toLowerCase(Locale.ROOT);
                return v.equals("true") || v.equals("yes") || v.equals("on");
            }
        };
    }

    /** An integer from {@code min} to {@code max}. */
    public static ValueType<Integer> integer(int min, int max) {
        return new Scalar<>("integer", "an integer from " + min + " to " + max) {
            @Override
            protected Integer parse(ScalarNode node) throws BadValueException {
                long v = parseLong(node);
                if (v < min || v > max) {
                    throw new BadValueException(v + " is out of range");
                }
                return (int) v;
            }
        };
    }

    /** A port number, 1 to 65535. */
    public static ValueType<Integer> port() {
        return integer(1, 65535);
    }

    /** Any non-empty text; numbers and booleans are taken as written ({@code password: 1234}, {@code password: yes}). */
    public static ValueType<String> text() {
        return textual("string", "a non-empty text", s -> {
            if (s.isEmpty()) {
                throw new IllegalArgumentException("an empty text is not accepted");
            }
            return s;
        }, Function.identity(), true);
    }

    /** A file system path, used as written (relative paths are relative to the working directory). */
    public static ValueType<Path> path() {
        return textual("path", "a file system path", s -> {
            if (s.isEmpty()) {
                throw new IllegalArgumentException("an empty path is not accepted");
            }
            return Path.of(s);
        }, Path::toString);
    }

    /** A host name, IPv4 or IPv6 address (no brackets, no port). */
    public static ValueType<String> host() {
        return textual("host", "a host name or IP address, such as 127.0.0.1 or example.com", s -> {
            Syntax.checkHost(s);
            return s;
        }, Function.identity());
    }

    /** A domain name, stored in lower case. */
    public static ValueType<String> domain() {
        return textual("domain", "a domain name, such as example.com", s -> {
            if (!Syntax.isHostname(s)) {
                throw new IllegalArgumentException("'" + s + "' is not a domain name");
            }
            return s.toLowerCase(Locale.ROOT);
        }, Function.identity());
    }

    /** An RFC 3261 token, such as an SDP media type or a User-Agent product token ({@code CPM-client/OMA2.0}). */
    public static ValueType<String> token(String typeName, String accepted, boolean allowSlash) {
        return textual(typeName, accepted, s -> {
            String[] parts = allowSlash ? s.split("/", -1) : new String[] {s};
            if (parts.length > 2 || Arrays.stream(parts).anyMatch(p -> !TOKEN.matcher(p).matches())) {
                throw new IllegalArgumentException("'" + s + "' is not accepted");
            }
            return s;
        }, Function.identity());
    }

    /**
     * A duration: an integer number of seconds, or an integer with a unit {@code ms}, {@code s},
     * {@code m}, {@code h} or {@code d}. Negative durations are refused.
     *
     * @param plainSeconds render defaults as plain seconds ({@code 1800}) rather than with a unit
     */
    public static ValueType<Duration> duration(boolean plainSeconds) {
        String accepted = plainSeconds
                ? "a number of seconds, such as 1800 (or a duration with a unit: 30m)"
                : "a duration: a number of seconds, or a number with a unit ms, s, m, h or d (500ms, 30s, 5m, 2h, 7d)";
        return new Scalar<>(plainSeconds ? "seconds" : "duration", accepted) {
            @Override
            protected Duration parse(ScalarNode node) throws BadValueException {
                String v = node.getValue().trim();
                Matcher m = DURATION.matcher(v);
                if (!m.matches() || !(Tag.INT.equals(node.getTag()) || Tag.STR.equals(node.getTag()))) {
                    throw YamlNodes.notAccepted(node);
                }
                long n;
                try {
                    n = Long.parseLong(m.group(1));
                } catch (NumberFormatException e) {
                    throw YamlNodes.notAccepted(node);
                }
                if (n < 0) {
                    throw new BadValueException(v + " is negative");
                }
                String unit = m.group(2) == null ? "s" : m.group(2);
                try {
                    return switch (unit) {
                        case "ms" -> Duration.ofMillis(n);
                        case "s" -> Duration.ofSeconds(n);
                        case "m" -> Duration.ofMinutes(n);
                        case "h" -> Duration.ofHours(n);
                        case "d" -> Duration.ofDays(n);
                        default -> throw new IllegalStateException(unit);
                    };
                } catch (ArithmeticException e) {
                    throw new BadValueException(v + " is too long");
                }
            }

            @Override
            public String render(Duration d) {
                return plainSeconds && d.toMillis() % 1000 == 0 ? String.valueOf(d.getSeconds()) : renderDuration(d);
            }
        };
    }

    /** {@code 500ms}, {@code 30s}, {@code 5m}, {@code 2h}, {@code 7d}: the largest unit that divides evenly. */
    public static String renderDuration(Duration d) {
        long ms = d.toMillis();
        if (ms == 0) {
            return "0s";
        }
        if (ms % 86_400_000L == 0) {
            return ms / 86_400_000L + "d";
        }
        if (ms % 3_600_000L == 0) {
            return ms / 3_600_000L + "h";
        }
        if (ms % 60_000L == 0 && ms >= 600_000L) {
            return ms / 60_000L + "m";
        }
        if (ms % 1000 == 0) {
            return ms / 1000 + "s";
        }
        return ms + "ms";
    }

    /** A size in bytes: an integer, or an integer with a unit {@code B}, {@code KiB}, {@code MiB} or {@code GiB}, at least {@code min}. */
    public static ValueType<Long> size(long min, long max) {
        return new Scalar<>("size", "a size in bytes from " + renderSize(min) + " to " + renderSize(max)
                + ": a number, or a number with a unit B, KiB, MiB or GiB (2048, 64KiB, 1MiB)") {
            @Override
            protected Long parse(ScalarNode node) throws BadValueException {
                String v = node.getValue().trim();
                Matcher m = SIZE.matcher(v);
                if (!m.matches() || !(Tag.INT.equals(node.getTag()) || Tag.STR.equals(node.getTag()))) {
                    throw YamlNodes.notAccepted(node);
                }
                long n;
                try {
                    n = Long.parseLong(m.group(1));
                } catch (NumberFormatException e) {
                    throw YamlNodes.notAccepted(node);
                }
                long unit = m.group(2) == null ? 1 : switch (m.group(2)) {
                    case "KiB" -> KIB;
                    case "MiB" -> MIB;
                    case "GiB" -> GIB;
                    default -> 1;
                };
                if (n < 0 || n > max / unit || n * unit < min) {
                    throw new BadValueException(v + " is out of range");
                }
                return n * unit;
            }

            @Override
            public String render(Long value) {
                return renderSize(value);
            }
        };
    }

    private static String renderSize(long bytes) {
        if (bytes >= GIB && bytes % GIB == 0) {
            return bytes / GIB + "GiB";
        }
        if (bytes >= MIB && bytes % MIB == 0) {
            return bytes / MIB + "MiB";
        }
        return String.valueOf(bytes);
    }

    /** One of the enum's constants, written as {@code spelling} gives (compared without case). */
    public static <E extends Enum<E>> ValueType<E> oneOf(Class<E> type, Function<E, String> spelling) {
        E[] constants = type.getEnumConstants();
        String names = Arrays.stream(constants).map(spelling).collect(Collectors.joining(", "));
        return textual(names.replace(", ", " | "), "one of: " + names, s -> {
            for (E e : constants) {
                if (spelling.apply(e).equalsIgnoreCase(s)) {
                    return e;
                }
            }
            throw new IllegalArgumentException("'" + s + "' is not accepted");
        }, spelling);
    }

    /** One of the enum's constants, written in lower case with dashes ({@code B2BUA} is {@code b2bua}). */
    public static <E extends Enum<E>> ValueType<E> oneOf(Class<E> type) {
        return oneOf(type, e -> e.name().toLowerCase(Locale.ROOT).replace('_', '-'));
    }

    /** {@code TRANSPORT:HOST:PORT} with one of the given transports. */
    public static ValueType<TransportAddress> transportAddress(Set<Transport> allowed, int examplePort) {
        Set<Transport> ok = EnumSet.copyOf(allowed);
        String transports = ok.stream().map(Transport::token).collect(Collectors.joining(", "));
        String example = ok.iterator().next().token();
        return textual("transport address",
                "TRANSPORT:HOST:PORT with TRANSPORT one of " + transports + " and an IPv6 HOST in brackets ("
                        + example + ":127.0.0.1:" + examplePort + ", " + example + ":[::1]:" + examplePort + ")",
                s -> {
                    TransportAddress a = TransportAddress.parse(s);
                    if (!ok.contains(a.transport())) {
                        throw new IllegalArgumentException("transport '" + a.transport().token() + "' is not accepted here");
                    }
                    return a;
                }, TransportAddress::toString);
    }

    /** Any SIP transport address. */
    public static ValueType<TransportAddress> transportAddress() {
        return transportAddress(EnumSet.allOf(Transport.class), 5060);
    }

    /** {@code HOST:PORT}, or {@code HOST} for any port. */
    public static ValueType<HostPort> hostPort() {
        return textual("host[:port]", "HOST:PORT or HOST (any port), with an IPv6 HOST in brackets (127.0.0.1:5070, [::1]:5070)",
                s -> {
                    Syntax.HostAndPort hp = Syntax.hostAndPort(s, false);
                    return new HostPort(hp.host(), hp.port() < 0 ? java.util.OptionalInt.empty()
                            : java.util.OptionalInt.of(hp.port()));
                }, HostPort::toString);
    }

    /** A {@code sip:} or {@code sips:} URI. */
    public static ValueType<String> sipUri() {
        return textual("SIP URI", "a SIP URI, such as sip:chat@example.com", s -> {
            Syntax.checkSipUri(s);
            return s;
        }, Function.identity());
    }

    /** A {@code sip:}, {@code sips:} or {@code tel:} URI. */
    public static ValueType<String> sipOrTelUri() {
        return textual("URI", "a SIP or TEL URI, such as sip:mallory@example.com or tel:+15551234567", s -> {
            Syntax.checkSipOrTelUri(s);
            return s;
        }, Function.identity());
    }

    /** A served user's address of record, exactly {@code sip:user@domain}; normalised (host in lower case). */
    public static ValueType<String> addressOfRecord() {
        return textual("sip-uri", "a SIP URI of the form sip:user@domain", Syntax::addressOfRecord, Function.identity());
    }

    private static long parseLong(ScalarNode node) throws BadValueException {
        if (!Tag.INT.equals(node.getTag())) {
            throw YamlNodes.notAccepted(node);
        }
        try {
            return Long.parseLong(node.getValue().replace("_", ""));
        } catch (NumberFormatException e) {
            throw YamlNodes.notAccepted(node);
        }
    }
}
