package org.opencpm.msrp.internal.grammar;

import java.util.List;
import org.opencpm.msrp.MsrpUri;

/**
 * Parsed To-Path and From-Path values by their exact text, one cache per thread (in the server: per event loop,
 * shared by all its connections). Every message of a session repeats the same two paths, so most messages find
 * them here instead of being parsed again. A direct-mapped table of {@value #SLOTS} entries: bounded whatever
 * the peers send, no lock (thread-confined), and no memory per connection or per idle session. The parsed lists
 * are immutable, so handing one to another thread is safe. It also remembers the written form of the URI
 * objects that sessions put in every request they send.
 */
final class PathCache {

    static final int SLOTS = 1024;

    private static final ThreadLocal<PathCache> PER_THREAD = ThreadLocal.withInitial(PathCache::new);

    private final String[] keys = new String[SLOTS];
    @SuppressWarnings("unchecked")
    private final List<MsrpUri>[] values = new List[SLOTS];
    /** Written forms of URIs by identity: a session writes the same URI objects into every request it sends. */
    private final MsrpUri[] formattedUris = new MsrpUri[SLOTS];
    private final String[] formatted = new String[SLOTS];

    private PathCache() {
    }

    /** The calling thread's cache. */
    static PathCache current() {
        return PER_THREAD.get();
    }

    /** {@code value} parsed as a path, from the cache or parsed now (and then cached). Throws as {@link UriGrammar#parsePath}. */
    List<MsrpUri> path(String value) {
        int slot = spread(value.hashCode()) & (SLOTS - 1);
        String key = keys[slot];
        if (key != null && key.equals(value)) {
            return values[slot];
        }
        List<MsrpUri> parsed = UriGrammar.parsePath(value);
        keys[slot] = value;
        values[slot] = parsed;
        return parsed;
    }

    /** {@code uri.toString()}, remembered for this very object. */
    String format(MsrpUri uri) {
        int slot = spread(System.identityHashCode(uri)) & (SLOTS - 1);
        if (formattedUris[slot] == uri) {
            return formatted[slot];
        }
        String text = uri.toString();
        formattedUris[slot] = uri;
        formatted[slot] = text;
        return text;
    }

    private static int spread(int h) {
        return h ^ (h >>> 16);
    }
}
