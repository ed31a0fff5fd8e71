package org.opencpm.msrp.conference;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A subscriber's view of one conference, built from the conference-info documents of one
 * {@code conference} event subscription (RFC 4575 and reference §9). Immutable: each
 * {@link #apply(ConferenceInfo)} returns an {@link Update} that says what happened and carries
 * the next state.
 *
 * <pre>{@code
 * ConferenceInfoState view = ConferenceInfoState.empty();          // new subscription
 * ConferenceInfoState.Update u = view.apply(ConferenceInfo.parse(notifyBody));
 * if (u instanceof ConferenceInfoState.ResubscribeNeeded) { ...refresh the SUBSCRIBE... }
 * view = u.state();
 * }</pre>
 *
 * <p>Rules, in the order they are checked (RFC 4575, paraphrased: versions increase by one
 * per document within a subscription; a subscriber discards a document whose version is not
 * newer than its own, and asks for full state with a refreshing SUBSCRIBE when a partial
 * document skips a version):
 *
 * <ol>
 *   <li>a document without version, or for another entity, is {@link Ignored};</li>
 *   <li>a version not above the current one is {@link Ignored} (a late or repeated NOTIFY);</li>
 *   <li>a full document replaces the view ({@link Applied});</li>
 *   <li>a partial document before any full one, or whose version is not exactly current + 1,
 *       is {@link ResubscribeNeeded}; the view is kept so the UI shows the last known state;</li>
 *   <li>a partial document is merged ({@link Applied}): present children replace, users and
 *       endpoints are matched by entity and removed when {@code deleted};</li>
 *   <li>a {@code deleted} document ends the conference ({@link Ended}).</li>
 * </ol>
 *
 * <p>Versions are scoped to one subscription: start a new subscription from {@link #empty()}.
 */
public final class ConferenceInfoState {

    private static final ConferenceInfoState EMPTY = new ConferenceInfoState(Optional.empty());

    private final Optional<ConferenceInfo> view;

    private ConferenceInfoState(Optional<ConferenceInfo> view) {
        this.view = view;
    }

    /** No document received yet. */
    public static ConferenceInfoState empty() {
        return EMPTY;
    }

    /** The current full view (state full, every user and endpoint full), if a full document arrived. */
    public Optional<ConferenceInfo> view() {
        return view;
    }

    /** The result of applying one document; {@link #state()} is the state to keep. */
    public sealed interface Update permits Applied, Ignored, ResubscribeNeeded, Ended {
        /** The state after this update. */
        ConferenceInfoState state();
    }

    /**
     * The document was applied.
     *
     * @param state the new state
     */
    public record Applied(ConferenceInfoState state) implements Update {
    }

    /**
     * The document was discarded; the state is unchanged.
     *
     * @param state the unchanged state
     * @param why the reason, for the log
     */
    public record Ignored(ConferenceInfoState state, String why) implements Update {
    }

    /**
     * A version gap or a partial document without a base: refresh the subscription to get a full
     * document. The state is unchanged.
     *
     * @param state the unchanged state
     * @param why the reason, for the log
     */
    public record ResubscribeNeeded(ConferenceInfoState state, String why) implements Update {
    }

    /**
     * The focus reported the conference deleted; the view is the deleted document.
     *
     * @param state the final state
     */
    public record Ended(ConferenceInfoState state) implements Update {
    }

    /** Applies one received document. */
    public Update apply(ConferenceInfo document) {
        Objects.requireNonNull(document, "document");
        if (document.version().isEmpty()) {
            return new Ignored(this, "document has no version");
        }
        long version = document.version().getAsLong();
        if (view.isPresent()) {
            ConferenceInfo current = view.get();
            if (!current.entity().equals(document.entity())) {
                return new Ignored(this, "document is for " + document.entity() + ", not " + current.entity());
            }
            long have = current.version().orElse(0);
            if (version <= have) {
                return new Ignored(this, "version " + version + " is not newer than " + have);
            }
        }
        switch (document.state()) {
            case FULL:
                return new Applied(new ConferenceInfoState(Optional.of(document)));
            case DELETED:
                return new Ended(new ConferenceInfoState(Optional.of(document)));
            case PARTIAL:
                if (view.isEmpty()) {
                    return new ResubscribeNeeded(this, "partial document before any full one");
                }
                long expected = view.get().version().orElse(0) + 1;
                if (version != expected) {
                    return new ResubscribeNeeded(this, "version gap: expected " + expected + ", got " + version);
                }
                return new Applied(new ConferenceInfoState(Optional.of(merge(view.get(), document))));
            default:
                throw new IllegalStateException("unexpected document state " + document.state());
        }
    }

    private static ConferenceInfo merge(ConferenceInfo base, ConferenceInfo change) {
        Optional<ConferenceDescription> description = change.description()
                .map(d -> base.description().orElse(ConferenceDescription.EMPTY).mergedWith(d))
                .or(base::description);
        Optional<ConferenceState> conferenceState = change.conferenceState()
                .map(s -> base.conferenceState().orElse(ConferenceState.EMPTY).mergedWith(s))
                .or(base::conferenceState);
        List<ConferenceUser> users = new ArrayList<>(base.users());
        for (ConferenceUser u : change.users()) {
            int at = indexOf(users, u.entity());
            switch (u.state()) {
                case DELETED -> {
                    if (at >= 0) {
                        users.remove(at);
                    }
                }
                case FULL -> put(users, at, u);
                case PARTIAL -> put(users, at, at >= 0 ? users.get(at).mergedWith(u)
                        : ConferenceUser.of(u.entity(), Optional.empty(), List.of()).mergedWith(u));
            }
        }
        return new ConferenceInfo(base.entity(), ElementState.FULL, change.version(), description, conferenceState,
                users);
    }

    private static void put(List<ConferenceUser> users, int at, ConferenceUser u) {
        if (at >= 0) {
            users.set(at, u);
        } else {
            users.add(u);
        }
    }

    private static int indexOf(List<ConferenceUser> users, String entity) {
        for (int i = 0; i < users.size(); i++) {
            if (users.get(i).entity().equals(entity)) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public String toString() {
        return "ConferenceInfoState[" + view.map(v -> v.entity() + " v" + v.version()).orElse("empty") + "]";
    }
}
