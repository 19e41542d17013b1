package app.alex.core.research;

import java.time.Instant;
import java.util.List;

/**
 * A finished research report, as stored in the feed.
 *
 * @param id         feed id (also the knowledge-base document id of its stored copy)
 * @param topic      what was asked
 * @param title      report title
 * @param markdown   the report: title, summary, key points, analysis, numbered citations
 * @param citations  the sources behind each [n]
 * @param createdAt  when it was finished
 * @param model      the language model used, or "extractive" when none was configured
 * @param extractive true for an extractive brief written without a language model
 * @param trigger    manual or scheduled
 * @param tickers    tickers the report is about
 * @param read       whether the analyst has opened it (desktop unread markers)
 */
public record ResearchReport(String id, String topic, String title, String markdown, List<Citation> citations,
                             Instant createdAt, String model, boolean extractive, Trigger trigger,
                             List<String> tickers, boolean read) {
    public ResearchReport {
        citations = citations == null ? List.of() : List.copyOf(citations);
        tickers = tickers == null ? List.of() : List.copyOf(tickers);
    }

    public enum Trigger { MANUAL, SCHEDULED }
}
