package org.opencpm.msrp.conference;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@code <user>} of a conference (RFC 4575): one participant, identified by its
 * {@code entity} URI, with its roles and endpoints.
 *
 * <p>{@code yourOwn} reflects the {@code yourown} attribute some RCS focuses put on the
 * subscriber's own entry (rcsjta reads it, reference §9); it is read in any namespace and
 * written unqualified only when true. Children not modelled (associated-aors, languages,
 * cascaded-focus) are skipped on input.
 *
 * @param entity the user URI (tel: or sip:), the key within the users list
 * @param state full, partial or deleted
 * @param displayText {@code <display-text>}
 * @param roles the {@code <roles><entry>} values, e.g. {@code chairman}, {@code participant};
 *     empty when absent (so a partial document cannot clear them)
 * @param yourOwn whether the focus marked this entry as the subscriber's own
 * @param endpoints the endpoints, in document order
 */
public record ConferenceUser(String entity, ElementState state, Optional<String> displayText, List<String> roles,
        boolean yourOwn, List<ConferenceEndpoint> endpoints) {

    /** Requires every component and copies the lists. */
    public ConferenceUser {
        Objects.requireNonNull(entity, "entity");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(displayText, "displayText");
        roles = List.copyOf(roles);
        endpoints = List.copyOf(endpoints);
    }

    /** A full user with a display text (may be empty) and endpoints. */
    public static ConferenceUser of(String entity, Optional<String> displayText, List<ConferenceEndpoint> endpoints) {
        return new ConferenceUser(entity, ElementState.FULL, displayText, List.of(), false, endpoints);
    }

    /** A copy with another element state. */
    public ConferenceUser withState(ElementState newState) {
        return new ConferenceUser(entity, newState, displayText, roles, yourOwn, endpoints);
    }

    /** A copy with roles. */
    public ConferenceUser withRoles(List<String> newRoles) {
        return new ConferenceUser(entity, state, displayText, newRoles, yourOwn, endpoints);
    }

    /** A copy with the {@code yourown} mark. */
    public ConferenceUser withYourOwn(boolean mark) {
        return new ConferenceUser(entity, state, displayText, roles, mark, endpoints);
    }

    /** The endpoint with this entity, if present. */
    public Optional<ConferenceEndpoint> endpoint(String endpointEntity) {
        return endpoints.stream().filter(e -> e.entity().equals(endpointEntity)).findFirst();
    }

    /**
     * This user with a partial {@code change} applied (RFC 4575): present children replace,
     * endpoints are merged by entity (deleted ones removed, full ones replaced, partial ones
     * merged, new ones appended). The result is a full user.
     */
    public ConferenceUser mergedWith(ConferenceUser change) {
        List<ConferenceEndpoint> merged = new ArrayList<>(endpoints);
        for (ConferenceEndpoint e : change.endpoints) {
            int at = indexOf(merged, e.entity());
            switch (e.state()) {
                case DELETED -> {
                    if (at >= 0) {
                        merged.remove(at);
                    }
                }
                case FULL -> put(merged, at, e);
                case PARTIAL -> put(merged, at, at >= 0 ? merged.get(at).mergedWith(e) : e.withState(ElementState.FULL));
            }
        }
        return new ConferenceUser(entity, ElementState.FULL, change.displayText.or(() -> displayText),
                change.roles.isEmpty() ? roles : change.roles, yourOwn || change.yourOwn, merged);
    }

    private static void put(List<ConferenceEndpoint> list, int at, ConferenceEndpoint e) {
        if (at >= 0) {
            list.set(at, e);
        } else {
            list.add(e);
        }
    }

    private static int indexOf(List<ConferenceEndpoint> list, String entity) {
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i).entity().equals(entity)) {
                return i;
            }
        }
        return -1;
    }
}
