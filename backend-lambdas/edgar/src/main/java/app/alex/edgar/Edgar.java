package app.alex.edgar;

import app.alex.core.backend.KnowledgeBase;
import app.alex.edgar.company.Cik;
import app.alex.edgar.company.CompanyRef;
import app.alex.edgar.company.Submissions;
import app.alex.edgar.company.SubmissionsReader;
import app.alex.edgar.company.TickerDirectory;
import app.alex.edgar.filings.FilingImporter;
import app.alex.edgar.financials.CompanyFactsReader;
import app.alex.edgar.financials.Financials;
import app.alex.edgar.http.EdgarClient;

import java.time.LocalDate;

/**
 * SEC EDGAR for the rest of Alex (command line, desktop, research agent): companies by ticker or
 * CIK, what they filed, filings into a knowledge base, and their headline figures.
 */
public final class Edgar {
    private final EdgarClient client;
    private final TickerDirectory tickers;

    public Edgar(EdgarClient client) {
        this.client = client;
        this.tickers = new TickerDirectory(client);
    }

    public static Edgar open(EdgarConfig config) {
        return new Edgar(new EdgarClient(config));
    }

    public EdgarClient client() {
        return client;
    }

    /** A ticker ("AAPL") through EDGAR's ticker list, or a CIK ("320193") as it is. */
    public CompanyRef company(String tickerOrCik) {
        return tickers.resolve(tickerOrCik);
    }

    /** @param since the oldest filing date wanted (older index pages are read when needed), or null for the recent filings */
    public Submissions submissions(Cik cik, LocalDate since) {
        return new SubmissionsReader(client).read(cik, since);
    }

    public Financials financials(Cik cik) {
        return new CompanyFactsReader(client).read(cik);
    }

    public FilingImporter importer(KnowledgeBase knowledgeBase) {
        return new FilingImporter(client, knowledgeBase);
    }
}
