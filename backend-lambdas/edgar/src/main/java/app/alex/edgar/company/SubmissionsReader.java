package app.alex.edgar.company;

import app.alex.core.error.AlexException;
import app.alex.core.error.ErrorCode;
import app.alex.edgar.http.EdgarClient;
import com.fasterxml.jackson.databind.JsonNode;

import java.net.URI;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * Reads {@code /submissions/CIK##########.json}. Its {@code filings.recent} holds the latest
 * thousand or so filings as parallel arrays; older ones sit in further files listed under
 * {@code filings.files}, read only when the caller wants filings from before the recent ones.
 */
public final class SubmissionsReader {
    private final EdgarClient client;

    public SubmissionsReader(EdgarClient client) {
        this.client = client;
    }

    public static String path(Cik cik) {
        return "/submissions/CIK" + cik.padded() + ".json";
    }

    /** @param since the oldest filing date wanted, or null for the recent filings only */
    public Submissions read(Cik cik, LocalDate since) {
        URI url = client.dataUrl(path(cik));
        JsonNode root = client.json(url, "submissions index of CIK " + cik);
        JsonNode recent = root.path("filings").path("recent");
        if (!recent.isObject()) {
            throw new AlexException(ErrorCode.UNPROCESSABLE_DOCUMENT, "EDGAR's submissions index at " + url
                    + " has no list of recent filings (filings.recent).");
        }
        // One filing can appear in two files near their boundary: keep each accession once.
        var filings = new LinkedHashMap<String, Filing>();
        parallelArrays(recent, url).forEach(f -> filings.putIfAbsent(f.accession(), f));
        LocalDate oldestRecent = filings.values().stream().map(Filing::filingDate).min(LocalDate::compareTo).orElse(null);
        if (since != null && (oldestRecent == null || since.isBefore(oldestRecent))) {
            for (JsonNode file : root.path("filings").path("files")) {
                LocalDate to = date(file.path("filingTo").asText(""));
                String name = file.path("name").asText("");
                if (!name.matches("[A-Za-z0-9._-]+\\.json") || to != null && to.isBefore(since)) {
                    continue;
                }
                URI older = client.dataUrl("/submissions/" + name);
                parallelArrays(client.json(older, "older submissions of CIK " + cik), older)
                        .forEach(f -> filings.putIfAbsent(f.accession(), f));
            }
        }
        var tickers = new ArrayList<String>();
        root.path("tickers").forEach(t -> tickers.add(t.asText()));
        return new Submissions(cik, root.path("name").asText(""), tickers, root.path("fiscalYearEnd").asText(""),
                List.copyOf(filings.values()));
    }

    private static List<Filing> parallelArrays(JsonNode arrays, URI url) {
        JsonNode accession = arrays.path("accessionNumber");
        int n = accession.size();
        var out = new ArrayList<Filing>(n);
        for (int i = 0; i < n; i++) {
            LocalDate filed = date(arrays.path("filingDate").path(i).asText(""));
            String document = arrays.path("primaryDocument").path(i).asText("");
            if (filed == null) {
                throw new AlexException(ErrorCode.UNPROCESSABLE_DOCUMENT, "EDGAR's submissions index at " + url
                        + " has filing " + accession.path(i).asText() + " without a valid filing date.");
            }
            out.add(new Filing(accession.path(i).asText(), filed, date(arrays.path("reportDate").path(i).asText("")),
                    arrays.path("form").path(i).asText(""), document, arrays.path("primaryDocDescription").path(i).asText("")));
        }
        return out;
    }

    private static LocalDate date(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(text.strip());
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
