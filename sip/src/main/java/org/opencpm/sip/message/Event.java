package org.opencpm.sip.message;

import java.util.Objects;
import org.opencpm.sip.internal.grammar.Scanner;

/**
 * The Event header (RFC 6665 §8.2.1): {@code Event: conference;id=42}.
 *
 * <pre>
 * Event       = ( "Event" / "o" ) HCOLON event-type *( SEMI event-param )
 * event-type  = event-package *( "." event-template )
 * event-param = generic-param / ( "id" EQUAL token )
 * </pre>
 *
 * @param eventType the event-type as written (package and templates, e.g. "presence.winfo")
 * @param params    all parameters, the id included
 */
public record Event(String eventType, Parameters params) {

    public static Event of(String eventType) {
        return new Event(eventType, Parameters.EMPTY);
    }

    public static Event of(String eventType, String id) {
        return new Event(eventType, id == null ? Parameters.EMPTY : Parameters.EMPTY.with("id", id));
    }

    public static Event parse(String text) {
        Scanner sc = new Scanner(text, HeaderNames.EVENT);
        sc.skipLws();
        if (!sc.atToken()) {
            throw sc.fail("expected an event type");
        }
        String type = sc.token();
        if (type.startsWith(".") || type.endsWith(".") || type.contains("..")) {
            throw new SipParseException("Bad Event: malformed event type", 0);
        }
        Parameters params = Parameters.parse(sc, true);
        sc.skipLws();
        if (!sc.atEnd()) {
            throw sc.fail("unexpected '" + (char) sc.peek() + "'");
        }
        return new Event(type, params);
    }

    /** The event package: the event-type up to the first template ("presence" of "presence.winfo"). */
    public String eventPackage() {
        int dot = eventType.indexOf('.');
        return dot < 0 ? eventType : eventType.substring(0, dot);
    }

    /** The id parameter, or null. */
    public String id() {
        return params.get("id").orElse(null);
    }

    /** RFC 6665 §8.2.1: two Event values match if their event-types and id parameters are equal (byte-wise). */
    public boolean matches(Event other) {
        return eventType.equals(other.eventType) && Objects.equals(id(), other.id());
    }

    @Override
    public String toString() {
        return eventType + params;
    }
}
