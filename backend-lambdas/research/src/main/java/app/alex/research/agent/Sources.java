package app.alex.research.agent;

import app.alex.core.research.Citation;
import app.alex.core.search.SearchHit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The numbered sources one research run has actually retrieved or fetched. A report may cite
 * only these: {@link ReportAssembler} drops any other [n].
 */
public final class Sources {
    private final Map<String, Citation> byKey = new LinkedHashMap<>();
    private final List<Citation> inOrder = new ArrayList<>();

    public synchronized int addPassage(SearchHit hit) {
        return add("kb:" + hit.documentId() + "#" + hit.chunkIndex(), n -> new Citation(n, Citation.Kind.PASSAGE,
                hit.documentId(), hit.chunkIndex(), hit.page(), hit.title(), hit.source(), hit.text()));
    }

    public synchronized int addWeb(String url, String title, String text) {
        return add("web:" + url, n -> new Citation(n, Citation.Kind.WEB, null, -1, title, url, text));
    }

    /**
     * Figures a filing reported, as EDGAR's XBRL data gives them: a source of kind web (its address
     * is the filing on EDGAR). {@code facet} tells apart the figures of one filing quoted for
     * different questions (revenue, then net income), so each citation quotes what was shown.
     */
    public synchronized int addFiling(String url, String facet, String title, String text) {
        return add("filing:" + url + "#" + facet, n -> new Citation(n, Citation.Kind.WEB, null, -1, title, url, text));
    }

    private int add(String key, java.util.function.IntFunction<Citation> make) {
        Citation existing = byKey.get(key);
        if (existing != null) {
            return existing.number();
        }
        Citation citation = make.apply(inOrder.size() + 1);
        byKey.put(key, citation);
        inOrder.add(citation);
        return citation.number();
    }

    public synchronized Optional<Citation> get(int number) {
        return number >= 1 && number <= inOrder.size() ? Optional.of(inOrder.get(number - 1)) : Optional.empty();
    }

    public synchronized List<Citation> all() {
        return List.copyOf(inOrder);
    }

    public synchronized int size() {
        return inOrder.size();
    }
}
