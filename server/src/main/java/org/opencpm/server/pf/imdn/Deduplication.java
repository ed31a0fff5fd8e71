package org.opencpm.server.pf.imdn;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.opencpm.common.time.Scheduler;
import org.opencpm.msrp.imdn.ImdnDocument;
import org.opencpm.store.imdn.DispositionType;
import org.opencpm.store.imdn.ForwardDecision;
import org.opencpm.store.imdn.ImdnCache;
import org.opencpm.store.imdn.ImdnKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Steps 1-3 of §8.3.4 (and the "similar caching strategy" of §8.2.4, AMB-21) for the documents of one
 * notification: each document's key ({@link ImdnKey}: served user, direction, {@code <message-id>},
 * recipient) is checked against the types already forwarded and, unless a rule of {@link ForwardingRules}
 * suppresses it, recorded — atomically, in the cache's writer.
 *
 * <p>The cache is a blocking store; its answers arrive on the store's thread and are handed back to the SIP
 * owner thread ({@code scheduler}) before {@code done} runs. A cache that fails is treated as a miss: the
 * notification is forwarded (AMB-03, "a duplicate is the safe failure mode") and the failure logged.
 */
final class Deduplication {

    private static final Logger log = LoggerFactory.getLogger(Deduplication.class);

    /** One document with its decision. */
    record Verdict(ImdnDocument document, DispositionType type, boolean forward, String requirement) {
    }

    private ImdnCache cache;
    private final Scheduler scheduler;

    Deduplication(ImdnCache cache, Scheduler scheduler) {
        this.cache = cache;
        this.scheduler = scheduler;
    }

    void setCache(ImdnCache cache) {
        this.cache = cache;
    }

    ImdnCache cache() {
        return cache;
    }

    /**
     * Checks and records every document; {@code done} gets the verdicts in document order, on the SIP thread.
     *
     * @param keyOf the cache key of a document
     */
    void check(List<ImdnDocument> documents, java.util.function.Function<ImdnDocument, ImdnKey> keyOf,
               Consumer<List<Verdict>> done) {
        Verdict[] verdicts = new Verdict[documents.size()];
        int[] pending = {documents.size()};
        for (int i = 0; i < documents.size(); i++) {
            int index = i;
            ImdnDocument d = documents.get(i);
            DispositionType type = ForwardingRules.of(d.type());
            ImdnKey key = keyOf.apply(d);
            // §8.3.4 step 2: compare with the cached types; 2.a.iv / 2.b / 3: cache and forward
            cache.checkAndRecord(key, type, ForwardingRules.suppressors(type)).whenComplete((decision, failure) ->
                    scheduler.execute(() -> {
                        verdicts[index] = verdict(d, type, key, decision, failure);
                        if (--pending[0] == 0) {
                            done.accept(List.of(verdicts));
                        }
                    }));
        }
    }

    private static Verdict verdict(ImdnDocument d, DispositionType type, ImdnKey key, ForwardDecision decision,
                                   Throwable failure) {
        if (failure != null) {
            log.warn("IMDN cache failed for {} ({}): {}; the notification is forwarded (AMB-03)", key, type,
                    failure.toString());
            return new Verdict(d, type, true, "AMB-03");
        }
        if (decision.forward()) {
            return new Verdict(d, type, true, decision.alreadyForwarded().isEmpty() ? "PF-IMDN-T-09" : "PF-IMDN-T-08");
        }
        return new Verdict(d, type, false, ForwardingRules.suppressedBy(type, decision.alreadyForwarded()));
    }

    /** The documents of {@code verdicts} to forward, in order. */
    static List<ImdnDocument> kept(List<Verdict> verdicts) {
        List<ImdnDocument> kept = new ArrayList<>();
        for (Verdict v : verdicts) {
            if (v.forward()) {
                kept.add(v.document());
            }
        }
        return kept;
    }
}
