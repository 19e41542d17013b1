package app.alex.research.brief;

import app.alex.core.text.Counts;
import app.alex.core.backend.KnowledgeBase;
import app.alex.core.document.DocumentType;
import app.alex.core.index.IndexQuery;
import app.alex.core.research.ResearchStep;
import app.alex.core.search.SearchFilter;
import app.alex.core.search.SearchHit;
import app.alex.core.search.SearchMode;
import app.alex.core.search.SearchRequest;
import app.alex.research.agent.ReportAssembler;
import app.alex.research.agent.Sources;
import app.alex.research.edgar.EdgarResearch;

import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Research without a language model: a brief made only of the knowledge base's own sentences,
 * each cited, and labelled as extractive so nobody mistakes it for analysis. Passages come from
 * hybrid retrieval over the topic and a few analyst facets (numbers, outlook, risks), then a
 * maximal-marginal-relevance pick so the brief covers different documents and points instead of
 * repeating the best one; the summary takes the sentences that share most with the topic.
 * Only passages close in meaning to the topic are quoted (a relevance floor), and the brief says
 * how many it found, so a thin knowledge base gives a short, honest brief rather than boilerplate.
 * Earlier research reports are left out, so briefs never quote briefs.
 */
public final class ExtractiveBrief {
    private static final List<String> FACETS = List.of("", "revenue growth margins results", "outlook guidance forecast",
            "risks competition headwinds");
    private static final Set<String> STOP = Set.of("the", "a", "an", "and", "or", "of", "in", "on", "for", "to", "is",
            "are", "was", "were", "be", "by", "with", "as", "at", "from", "that", "this", "it", "its", "their", "what",
            "how", "why", "which", "trend", "trends", "about");
    private static final int PASSAGES = 8;
    /**
     * The least cosine (query to passage, MiniLM) a quoted passage needs. Measured on the licence
     * texts plus finance notes of ExtractiveBriefRelevanceTest: passages about a one-word topic
     * ("NVIDIA") score 0.40-0.41, licence boilerplate at most 0.21 for it and up to 0.30 for a topic
     * nothing covers (an MPL-1.1 "royalty-free" passage for "lithium mining royalties in Chile");
     * passages that answer a question score 0.5-0.7. The floor sits between the two.
     */
    static final double MIN_COSINE = 0.35;
    private static final double MIN_RELATIVE_SIMILARITY = 0.5;
    private static final int FEW_PASSAGES = 4;

    private final KnowledgeBase knowledgeBase;
    private final Optional<EdgarResearch> edgar;

    public ExtractiveBrief(KnowledgeBase knowledgeBase) {
        this(knowledgeBase, Optional.empty());
    }

    /** @param edgar SEC EDGAR when configured: a topic naming a ticker it knows gets a "Figures" part from the filings */
    public ExtractiveBrief(KnowledgeBase knowledgeBase, Optional<EdgarResearch> edgar) {
        this.knowledgeBase = knowledgeBase;
        this.edgar = edgar;
    }

    public record Brief(String title, ReportAssembler.Assembled report) {
    }

    public Brief write(String topic, Consumer<ResearchStep> steps) {
        Map<String, SearchHit> pool = new LinkedHashMap<>();
        Map<String, Double> relevance = new HashMap<>();
        var filter = new SearchFilter(EnumSet.of(DocumentType.DOCUMENT, DocumentType.NOTE), Set.of(), null, null, null);
        for (int f = 0; f < FACETS.size(); f++) {
            String query = (topic + " " + FACETS.get(f)).strip();
            steps.accept(new ResearchStep(ResearchStep.Kind.SEARCHING, "Searching the knowledge base: " + query));
            List<SearchHit> hits = knowledgeBase.search(new SearchRequest(query, 12, filter, SearchMode.HYBRID)).results();
            for (int rank = 0; rank < hits.size(); rank++) {
                SearchHit hit = hits.get(rank);
                // One passage held by two documents (a file and its copy) is one passage, quoted once.
                String key = hit.sameTextKey();
                pool.putIfAbsent(key, hit);
                // Reciprocal-rank votes across facets; the bare topic counts double.
                relevance.merge(key, (f == 0 ? 2.0 : 1.0) / (60 + rank), Double::sum);
            }
        }
        String title = "Extractive brief: " + topic;
        Sources sources = new Sources();
        // Figures first: their sources are numbered before the passages', and a brief on a thin knowledge base still has them.
        Optional<String> figures = edgar.flatMap(e -> e.briefFigures(topic, knowledgeBase, sources, steps));
        String figuresPart = figures.map(f -> "\n" + f).orElse("");
        if (pool.isEmpty()) {
            String body = "# " + title + "\n\n" + label(figures.isPresent()) + "\n\n## Summary\n\nThe knowledge base has nothing on \""
                    + topic + "\" yet. Ingest filings, notes or web pages about it, then run the research again.\n" + figuresPart;
            return new Brief(title, ReportAssembler.assemble(title, body, sources));
        }
        int relevant = keepRelevant(topic, filter, pool);
        if (relevant == 0) {
            String body = "# " + title + "\n\n" + label(figures.isPresent()) + "\n\n## Summary\n\nNo relevant passages found on \"" + topic
                    + "\": the knowledge base holds nothing close enough in meaning to quote. Ingest filings, notes or web "
                    + "pages about it, then run the research again.\n" + figuresPart;
            return new Brief(title, ReportAssembler.assemble(title, body, sources));
        }
        steps.accept(new ResearchStep(ResearchStep.Kind.READING, "Reading " + count(relevant, "relevant passage")));
        List<SearchHit> picked = pickDiverse(new ArrayList<>(pool.values()), relevance);

        Set<String> topicTerms = terms(topic);
        record Sentence(String text, int source, double score) {
        }
        List<Sentence> sentences = new ArrayList<>();
        StringBuilder points = new StringBuilder();
        // Licence versions, re-filed boilerplate and quoted press releases repeat each other's sentences: each is said once.
        List<Set<String>> said = new ArrayList<>();
        List<SearchHit> quoted = new ArrayList<>();
        for (SearchHit hit : picked) {
            List<String> split = sentences(hit.text());
            List<Sentence> own = new ArrayList<>();
            for (int i = 0; i < split.size(); i++) {
                String s = split.get(i);
                Set<String> words = terms(s);
                if (said.stream().anyMatch(earlier -> repeats(earlier, words))) {
                    continue;
                }
                long shared = words.stream().filter(topicTerms::contains).count();
                // Prefer sentences that share the topic's words and carry figures; a little for being early.
                double score = shared * 2.0 + (s.matches(".*\\d.*") ? 1.0 : 0) + 1.0 / (1 + i)
                        - (s.length() < 40 ? 2 : 0);
                own.add(new Sentence(s, 0, score));
            }
            own.sort(Comparator.comparingDouble(Sentence::score).reversed());
            if (own.isEmpty()) {
                continue;
            }
            int n = sources.addPassage(hit);
            quoted.add(hit);
            Sentence first = new Sentence(own.getFirst().text(), n, own.getFirst().score());
            sentences.add(first);
            said.add(terms(first.text()));
            String point = first.text();
            if (own.size() > 1 && own.get(1).score() > 1.5) {
                point += " " + own.get(1).text();
                said.add(terms(own.get(1).text()));
            }
            points.append("- **").append(clean(hit.title())).append(":** ").append(point).append(" [").append(n).append("]\n");
        }
        steps.accept(new ResearchStep(ResearchStep.Kind.WRITING, "Quoting " + count(quoted.size(), "passage")));
        StringBuilder body = new StringBuilder("# " + title + "\n\n" + label(figures.isPresent()) + "\n\n## Summary\n\n");
        body.append(coverage(topic, relevant)).append("\n\n");
        sentences.stream().sorted(Comparator.comparingDouble(Sentence::score).reversed()).limit(3)
                .forEach(s -> body.append(s.text()).append(" [").append(s.source()).append("] "));
        body.append("\n").append(figuresPart);
        body.append("\n## Key points\n\n").append(points)
                .append("\n## What this brief is not\n\nIt quotes ").append(count(quoted.size(), "passage")).append(" from ")
                .append(count(quoted.stream().map(SearchHit::documentId).distinct().count(), "document"))
                .append(" and adds no judgement of its own. Configure a language model (OpenAI-compatible or Bedrock) "
                        + "for a written analysis.\n");
        return new Brief(title, ReportAssembler.assemble(title, body.toString(), sources));
    }

    /**
     * Facet queries and keyword matches bring in passages that share a word but not the subject:
     * licence boilerplate matches "results" or "risks" in any knowledge base that holds licences.
     * Keep only passages whose meaning is close to the topic itself: a cosine of at least
     * {@link #MIN_COSINE} to the bare topic, and at least {@link #MIN_RELATIVE_SIMILARITY} of the best
     * passage's. Returns how many passages are left; none when nothing is close enough.
     */
    private int keepRelevant(String topic, SearchFilter filter, Map<String, SearchHit> pool) {
        Map<String, Integer> toTopic = new HashMap<>();
        for (SearchHit hit : knowledgeBase.search(new SearchRequest(topic, IndexQuery.MAX_TOP_K, filter, SearchMode.SEMANTIC))
                .results()) {
            if (hit.relevance() != null) {
                toTopic.merge(hit.sameTextKey(), hit.relevance(), Math::max);
            }
        }
        int best = toTopic.values().stream().mapToInt(Integer::intValue).max().orElse(0);
        double floor = Math.max(MIN_COSINE * 100, best * MIN_RELATIVE_SIMILARITY);
        pool.keySet().removeIf(key -> toTopic.getOrDefault(key, 0) < floor);
        return pool.size();
    }

    /** "1 passage", "3 passages". */
    private static String count(long n, String noun) {
        return Counts.of(n, noun);
    }

    /** Says plainly how much the knowledge base holds on the topic, so a thin brief is not mistaken for a full one. */
    private static String coverage(String topic, int relevant) {
        String found = count(relevant, "relevant passage") + " found";
        return relevant < FEW_PASSAGES
                ? "*Only " + found + ": the knowledge base holds little on \"" + topic + "\". Ingest more about it for a "
                        + "fuller brief.*"
                : "*" + found + ".*";
    }

    private static String label(boolean figures) {
        return "> **Extractive brief.** No language model is configured, so this brief quotes the most relevant passages "
                + "of your knowledge base, each with its source" + (figures
                ? ", and the company's reported figures from its filings on SEC EDGAR, each with its filing." : ".");
    }

    /** Maximal marginal relevance over word sets, at most two passages per document. */
    static List<SearchHit> pickDiverse(List<SearchHit> pool, Map<String, Double> relevance) {
        double top = relevance.values().stream().mapToDouble(Double::doubleValue).max().orElse(1);
        List<SearchHit> picked = new ArrayList<>();
        List<Set<String>> pickedTerms = new ArrayList<>();
        Map<String, Integer> perDocument = new HashMap<>();
        List<SearchHit> candidates = new ArrayList<>(pool);
        while (picked.size() < PASSAGES && !candidates.isEmpty()) {
            SearchHit best = null;
            double bestScore = Double.NEGATIVE_INFINITY;
            for (SearchHit c : candidates) {
                if (perDocument.getOrDefault(c.documentId(), 0) >= 2) {
                    continue;
                }
                Set<String> t = terms(c.text());
                double redundancy = pickedTerms.stream().mapToDouble(p -> jaccard(p, t)).max().orElse(0);
                double score = 0.7 * relevance.get(c.sameTextKey()) / top - 0.3 * redundancy;
                if (score > bestScore) {
                    bestScore = score;
                    best = c;
                }
            }
            if (best == null) {
                break;
            }
            candidates.remove(best);
            picked.add(best);
            pickedTerms.add(terms(best.text()));
            perDocument.merge(best.documentId(), 1, Integer::sum);
        }
        return picked;
    }

    /**
     * Whether a sentence says what an earlier one said: nearly all the words of the shorter one are
     * in the other ("You may charge a fee for the physical act of transferring a copy" in GPL-1,
     * GPL-2 and LGPL-2.1, one with a clause more).
     */
    static boolean repeats(Set<String> earlier, Set<String> sentence) {
        int smaller = Math.min(earlier.size(), sentence.size());
        if (smaller < 3) {
            return earlier.equals(sentence) && !sentence.isEmpty();
        }
        long shared = sentence.stream().filter(earlier::contains).count();
        return shared >= 0.8 * smaller;
    }

    private static double jaccard(Set<String> a, Set<String> b) {
        if (a.isEmpty() || b.isEmpty()) {
            return 0;
        }
        Set<String> inter = new HashSet<>(a);
        inter.retainAll(b);
        return (double) inter.size() / (a.size() + b.size() - inter.size());
    }

    static Set<String> terms(String text) {
        Set<String> out = new HashSet<>();
        for (String w : text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
            if (w.length() > 1 && !STOP.contains(w)) {
                out.add(w.length() > 4 && w.endsWith("s") ? w.substring(0, w.length() - 1) : w);
            }
        }
        return out;
    }

    static List<String> sentences(String text) {
        List<String> out = new ArrayList<>();
        BreakIterator it = BreakIterator.getSentenceInstance(Locale.ENGLISH);
        String flat = text.replaceAll("\\s+", " ").strip();
        it.setText(flat);
        int start = it.first();
        for (int end = it.next(); end != BreakIterator.DONE; start = end, end = it.next()) {
            String s = flat.substring(start, end).strip();
            if (s.length() >= 20 && s.length() <= 600) {
                out.add(s);
            }
        }
        if (out.isEmpty() && !flat.isBlank()) {
            out.add(flat.length() > 600 ? flat.substring(0, 600) + "..." : flat);
        }
        return out;
    }

    private static String clean(String title) {
        return title == null || title.isBlank() ? "Untitled" : title.replace("*", "").replace("[", "(").replace("]", ")");
    }
}
