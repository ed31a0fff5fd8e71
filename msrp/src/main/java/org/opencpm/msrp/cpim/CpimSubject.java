package org.opencpm.msrp.cpim;

import java.util.Optional;

/**
 * One CPIM {@code Subject} header (RFC 3862 §4.5): the text and its optional language,
 * as in {@code Subject:;lang=fr beau temps prevu pour aujourd'hui}. A message may carry one
 * subject per language.
 *
 * @param text the subject text
 * @param lang the language tag from the {@code lang} parameter, if any
 */
public record CpimSubject(String text, Optional<String> lang) {
}
