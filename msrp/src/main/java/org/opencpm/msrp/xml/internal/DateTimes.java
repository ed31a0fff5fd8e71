package org.opencpm.msrp.xml.internal;

import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;

/**
 * RFC 3339 {@code date-time} as used by CPIM {@code DateTime}, IMDN {@code <datetime>},
 * isComposing {@code <lastactive>} and conference-info {@code <when>}.
 *
 * <p>Parsing accepts any fraction and the lower-case {@code t}/{@code z} RFC 3339 §5.6 allows
 * ("NOTE: Per [ABNF] and ISO8601, the "T" and "Z" characters in this syntax may alternatively be
 * lower case"). Formatting writes milliseconds (more digits only when the value has them), as RCS clients do
 * ({@code 2025-06-10T09:13:01.000Z}).
 */
public final class DateTimes {

    private static final DateTimeFormatter OUT = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSXXX", Locale.ROOT);

    private DateTimes() {
    }

    /** Parses an RFC 3339 date-time, or returns empty if the text is not one. */
    public static Optional<OffsetDateTime> parse(String text) {
        try {
            return Optional.of(OffsetDateTime.parse(text.strip().toUpperCase(Locale.ROOT),
                    DateTimeFormatter.ISO_OFFSET_DATE_TIME));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** Formats with millisecond precision and the value's own offset ({@code Z} for UTC). */
    public static String format(OffsetDateTime value) {
        // Finer than milliseconds: keep every digit, so that parse(format(x)) equals x.
        return value.getNano() % 1_000_000 == 0 ? OUT.format(value) : DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(value);
    }
}
