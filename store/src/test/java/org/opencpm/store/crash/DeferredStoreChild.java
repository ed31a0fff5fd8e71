package org.opencpm.store.crash;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import org.opencpm.common.time.Clock;
import org.opencpm.store.deferred.DeferredMessage;
import org.opencpm.store.deferred.DeferredStoreConfig;
import org.opencpm.store.deferred.SqliteDeferredMessageStore;
import org.opencpm.store.deferred.StoredMessage;

/**
 * The process {@link DeferredStoreCrashTest} starts and kills: it plays the Participating Function's use
 * of the deferred message store as fast as it can and reports on standard output, one line per event,
 * only what the store has acknowledged.
 *
 * <pre>
 * accept DIR FROM COUNT SENDERS   accepts messages FROM..COUNT-1 for {@link #RECIPIENT}; after each
 *                                 acknowledgement prints "@A index id duplicate"
 * deliver DIR                     delivers what is pending for {@link #RECIPIENT}: after markInFlight
 *                                 completes prints "@S id messageId sender" (the send to the client),
 *                                 after markDelivered completes prints "@D id"
 * </pre>
 * Both print "@DONE" when finished.
 */
public final class DeferredStoreChild {

    static final String RECIPIENT = "sip:bob@example.com";

    private DeferredStoreChild() {
    }

    static String sender(int index, int senders) {
        return "sip:s" + (index % senders) + "@example.net";
    }

    static String messageId(int index) {
        return "msg-" + index;
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[1]);
        try (SqliteDeferredMessageStore store = SqliteDeferredMessageStore.open(dir, DeferredStoreConfig.DEFAULTS,
                Clock.SYSTEM)) {
            if (args[0].equals("accept")) {
                accept(store, Integer.parseInt(args[2]), Integer.parseInt(args[3]), Integer.parseInt(args[4]));
            } else {
                deliver(store);
            }
        }
        System.out.println("@DONE");
    }

    private static void accept(SqliteDeferredMessageStore store, int from, int count, int senders) throws Exception {
        Semaphore window = new Semaphore(1000);
        List<CompletableFuture<?>> last = new ArrayList<>();
        for (int i = from; i < count; i++) {
            int index = i;
            String sender = sender(i, senders);
            byte[] body = ("From: <" + sender + ">\r\nTo: <" + RECIPIENT + ">\r\nimdn.Message-ID: " + messageId(i)
                    + "\r\n\r\nContent-Type: text/plain\r\n\r\nmessage number " + i + " " + "x".repeat(i % 200))
                    .getBytes(StandardCharsets.UTF_8);
            window.acquire();
            CompletableFuture<?> f = store.accept(new DeferredMessage(RECIPIENT, sender, messageId(i), "conv-" + (i % senders),
                    null, "message/cpim", body, Set.of())).whenComplete((a, e) -> {
                        window.release();
                        if (e == null) {
                            System.out.println("@A " + index + " " + a.id() + " " + a.duplicate());
                        } else {
                            System.out.println("@E " + index + " " + e);
                        }
                    });
            if (count - i <= 1000) {
                last.add(f);
            }
        }
        CompletableFuture.allOf(last.toArray(CompletableFuture[]::new)).join();
    }

    private static void deliver(SqliteDeferredMessageStore store) {
        while (true) {
            List<StoredMessage> page = store.pending(RECIPIENT, 0, 500).join();
            if (page.isEmpty()) {
                return;
            }
            List<CompletableFuture<?>> chains = new ArrayList<>(page.size());
            for (StoredMessage m : page) {
                chains.add(store.markInFlight(m.id(), m.attempts() + 1).thenCompose(marked -> {
                    if (!marked) {
                        return CompletableFuture.completedFuture(false);
                    }
                    System.out.println("@S " + m.id() + " " + m.message().messageId() + " " + m.message().sender());
                    return store.markDelivered(m.id()).whenComplete((ok, e) -> {
                        if (e == null && ok) {
                            System.out.println("@D " + m.id());
                        }
                    });
                }));
            }
            CompletableFuture.allOf(chains.toArray(CompletableFuture[]::new)).join();
        }
    }
}
