package app.alex.edgar.company;

import app.alex.core.error.AlexException;
import app.alex.core.error.ErrorCode;
import app.alex.edgar.http.EdgarClient;
import com.fasterxml.jackson.databind.JsonNode;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Tickers to CIKs through EDGAR's {@code /files/company_tickers.json}
 * ({@code {"0":{"cik_str":320193,"ticker":"AAPL","title":"Apple Inc."},...}}), fetched once. A CIK
 * given as digits is used as it is, without the list.
 */
public final class TickerDirectory {
    public static final String PATH = "/files/company_tickers.json";

    private final EdgarClient client;
    private Map<String, CompanyRef> byTicker;

    public TickerDirectory(EdgarClient client) {
        this.client = client;
    }

    public CompanyRef resolve(String tickerOrCik) {
        if (tickerOrCik == null || tickerOrCik.isBlank()) {
            throw AlexException.badRequest("Name a company by its ticker (AAPL) or its CIK (320193).");
        }
        String query = tickerOrCik.strip();
        if (Cik.looksLikeCik(query)) {
            return new CompanyRef(Cik.parse(query), "", "");
        }
        CompanyRef found = tickers().get(key(query));
        if (found == null) {
            throw AlexException.notFound("EDGAR's ticker list has no company with the ticker '" + query
                    + "'. Check the spelling, or give the company's CIK (its number on EDGAR).");
        }
        return found;
    }

    private synchronized Map<String, CompanyRef> tickers() {
        if (byTicker == null) {
            JsonNode root = client.json(client.archivesUrl(PATH), "list of tickers");
            var map = new HashMap<String, CompanyRef>();
            for (JsonNode entry : root) {
                String ticker = entry.path("ticker").asText("");
                long cik = entry.path("cik_str").asLong(0);
                if (!ticker.isEmpty() && cik > 0) {
                    map.putIfAbsent(key(ticker), new CompanyRef(new Cik(cik), ticker, entry.path("title").asText("")));
                }
            }
            if (map.isEmpty()) {
                throw new AlexException(ErrorCode.UNPROCESSABLE_DOCUMENT, "EDGAR's list of tickers at "
                        + client.archivesUrl(PATH) + " holds no tickers.");
            }
            byTicker = map;
        }
        return byTicker;
    }

    /** EDGAR writes class shares with a dash (BRK-B); people often type a dot. */
    private static String key(String ticker) {
        return ticker.strip().toUpperCase(Locale.ROOT).replace('.', '-');
    }
}
