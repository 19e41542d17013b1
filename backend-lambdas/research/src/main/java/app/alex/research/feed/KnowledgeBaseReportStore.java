package app.alex.research.feed;

import app.alex.core.backend.KnowledgeBase;
import app.alex.core.document.ChunkRecord;
import app.alex.core.document.DocumentRecord;
import app.alex.core.document.DocumentType;
import app.alex.core.error.AlexException;
import app.alex.core.error.ErrorCode;
import app.alex.core.index.DocumentQuery;
import app.alex.core.research.Citation;
import app.alex.core.research.FeedPage;
import app.alex.core.research.FeedQuery;
import app.alex.core.research.ResearchReport;
import app.alex.core.search.SearchFilter;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The research feed in the cloud, where the researcher has no disk of its own: reports are the
 * knowledge base's documents of type research (the researcher stores every report there anyway),
 * listed newest first with the index's own cursor, and read back from their passages, whose
 * offsets rebuild the Markdown exactly. Citations come back from the Sources section the
 * researcher wrote. Read state is the desktop's to keep in this mode ({@link #markRead} only
 * checks that the report exists), and a topic filter narrows each page, so a page may hold fewer
 * reports than asked for.
 */
public final class KnowledgeBaseReportStore implements ReportStore {
    private static final SearchFilter RESEARCH = new SearchFilter(EnumSet.of(DocumentType.RESEARCH), Set.of(), null, null, null);
    private static final Pattern WEB_SOURCE = Pattern.compile("^(\\d+)\\. \\[(.*)]\\((.*)\\) \\(web page\\)$");
    private static final Pattern KB_SOURCE = Pattern.compile("^(\\d+)\\. (.*?)(?: - (.*))? \\(knowledge base, passage (\\d+)\\)$");

    private final KnowledgeBase knowledgeBase;

    public KnowledgeBaseReportStore(KnowledgeBase knowledgeBase) {
        this.knowledgeBase = knowledgeBase;
    }

    /** Nothing to do: {@code ResearchService} has stored the report in the knowledge base already. */
    @Override
    public void save(ResearchReport report) {
    }

    @Override
    public FeedPage page(FeedQuery query) {
        var page = knowledgeBase.documents(new DocumentQuery(RESEARCH, query.cursor(), query.limit(), DocumentQuery.Sort.NEWEST_INGESTED));
        List<ResearchReport> reports = new ArrayList<>();
        for (DocumentRecord d : page.documents()) {
            ResearchReport summary = summary(d);
            if (FileReportStore.matches(summary, query)) {
                reports.add(summary);
            }
        }
        return new FeedPage(reports, page.nextCursor(), 0);
    }

    @Override
    public Optional<ResearchReport> get(String id) {
        DocumentRecord d;
        try {
            d = knowledgeBase.document(id);
        } catch (AlexException e) {
            if (e.code() == ErrorCode.NOT_FOUND) {
                return Optional.empty();
            }
            throw e;
        }
        if (d.type() != DocumentType.RESEARCH) {
            return Optional.empty();
        }
        String markdown = rebuild(knowledgeBase.chunks(id), (int) d.charCount());
        return Optional.of(withText(summary(d), markdown, citations(markdown)));
    }

    @Override
    public boolean markRead(String id, boolean read) {
        return get(id).isPresent();
    }

    /** A feed entry without the text: listing must not read every report's passages. */
    private static ResearchReport summary(DocumentRecord d) {
        var a = d.attributes();
        ResearchReport.Trigger trigger = "scheduled".equals(a.get("trigger")) ? ResearchReport.Trigger.SCHEDULED
                : ResearchReport.Trigger.MANUAL;
        String model = a.getOrDefault("model", "");
        return new ResearchReport(d.id(), a.getOrDefault("topic", d.title()), d.title(), "", List.of(), d.date(), model,
                "extractive".equals(model), trigger, d.tags(), false);
    }

    private static ResearchReport withText(ResearchReport r, String markdown, List<Citation> citations) {
        return new ResearchReport(r.id(), r.topic(), r.title(), markdown, citations, r.createdAt(), r.model(),
                r.extractive(), r.trigger(), r.tickers(), r.read());
    }

    /** Passages overlap; their offsets put each character back where it was. Gaps were whitespace. */
    static String rebuild(List<ChunkRecord> chunks, int length) {
        int size = Math.max(length, chunks.stream().mapToInt(ChunkRecord::endOffset).max().orElse(0));
        char[] text = new char[size];
        Arrays.fill(text, '\n');
        for (ChunkRecord c : chunks) {
            String t = c.text();
            int start = c.startOffset();
            if (start >= 0 && start + t.length() <= size && c.endOffset() - start == t.length()) {
                t.getChars(0, t.length(), text, start);
            }
        }
        return new String(text).strip().replaceAll("\n{3,}", "\n\n") + "\n";
    }

    static List<Citation> citations(String markdown) {
        int at = markdown.lastIndexOf("\n## Sources\n");
        if (at < 0) {
            return List.of();
        }
        List<Citation> out = new ArrayList<>();
        for (String line : markdown.substring(at).lines().map(String::strip).toList()) {
            Matcher web = WEB_SOURCE.matcher(line);
            Matcher kb = KB_SOURCE.matcher(line);
            if (web.matches()) {
                out.add(new Citation(Integer.parseInt(web.group(1)), Citation.Kind.WEB, null, -1, web.group(2), web.group(3), ""));
            } else if (kb.matches()) {
                out.add(new Citation(Integer.parseInt(kb.group(1)), Citation.Kind.PASSAGE, null,
                        Integer.parseInt(kb.group(4)) - 1, kb.group(2), kb.group(3) == null ? "" : kb.group(3), ""));
            }
        }
        return out;
    }
}
