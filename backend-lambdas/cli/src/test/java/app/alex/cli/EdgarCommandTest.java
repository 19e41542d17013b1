package app.alex.cli;

import app.alex.edgar.EdgarConfig;
import app.alex.edgar.testing.LoopbackEdgar;
import app.alex.edgar.testing.LoopbackEdgar.Answer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.HashMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code alex edgar} and {@code alex financials} against EDGAR on loopback (the real EDGAR answers
 * from shared/data/edgar), pointed at it through the environment, on an embedded knowledge base.
 */
class EdgarCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SNOW_FACTS = "/api/xbrl/companyfacts/CIK0001640147.json";

    @TempDir
    Path tmp;
    private final LoopbackEdgar edgar = LoopbackEdgar.start();

    @AfterEach
    void stop() {
        edgar.close();
    }

    private Run alex(String... args) {
        return Run.withEnv(edgar.env(), args);
    }

    @Test
    void importsApplesTenKAndTenQThenSkipsThemTheSecondTime() throws Exception {
        String kb = tmp.resolve("kb").toString();
        // Between these days Apple filed four 10-Ks and 10-Qs; loopback has the documents of two and answers 404 to the others.
        String[] args = {"--data-dir", kb, "edgar", "AAPL", "--forms", "10-K,10-Q", "--since", "2024-11-01", "--until", "2025-08-01"};

        Run first = alex(args);

        assertThat(first.out()).contains("Apple Inc. (CIK 0000320193): 4 filings to import");
        assertThat(first.out()).containsPattern("10-Q +Q3 FY2025 +filed 2025-08-01  imported +\\d+ chunks  Apple Inc. 10-Q Q3 FY2025");
        assertThat(first.out()).containsPattern("10-K +FY2024 +filed 2024-11-01  imported +\\d+ chunks  Apple Inc. 10-K FY2024");
        assertThat(first.out()).contains("10-Q    Q2 FY2025  filed 2025-05-02  failed    EDGAR has no primary document of 10-Q filing "
                + "0000320193-25-000057 at " + edgar.url() + "/Archives/edgar/data/320193/000032019325000057/aapl-20250329.htm.");
        assertThat(first.out()).contains("Apple Inc.: 2 imported, 0 skipped (already imported), 2 failed");
        assertThat(first.exitCode()).as("some filings failed").isEqualTo(CliErrors.FAILED);

        Run again = alex(args);
        assertThat(again.out()).containsPattern("10-K +FY2024 +filed 2024-11-01  skipped +\\d+ chunks  Apple Inc. 10-K FY2024");
        assertThat(again.out()).contains("Apple Inc.: 0 imported, 2 skipped (already imported), 2 failed");
        assertThat(edgar.requestsFor(LoopbackEdgar.APPLE_10K)).as("a skipped filing is not downloaded again").isEqualTo(1);

        Run docs = alex("--data-dir", kb, "docs", "list", "--json");
        JsonNode documents = JSON.readTree(docs.out()).get("documents");
        assertThat(documents).hasSize(2);
        JsonNode tenK = null;
        for (JsonNode d : documents) {
            if (d.get("title").asText().equals("Apple Inc. 10-K FY2024")) {
                tenK = d;
            }
        }
        assertThat(tenK).as("the 10-K in %s", docs.out()).isNotNull();
        assertThat(tenK.get("source").asText()).isEqualTo(edgar.url() + LoopbackEdgar.APPLE_10K);
        assertThat(JSON.convertValue(tenK.get("tags"), String[].class))
                .containsExactly("AAPL", "10-K", "FY2024", "2024-11-01", "0000320193-24-000123");

        // The filing is read as a filing: a risk question lands in Item 1A, and the hit names it and its page.
        Run search = alex("--data-dir", kb, "search", "What could go wrong for Apple if its suppliers in Asia were disrupted?",
                "--tag", "10-K", "--json");
        JsonNode best = JSON.readTree(search.out()).get("results").get(0);
        assertThat(best.get("section").asText()).as(search.out()).contains("Item 1A. Risk Factors");
        assertThat(best.get("page").asInt()).isPositive();
    }

    @Test
    void importJsonListsEachFilingWithItsOutcome() throws Exception {
        String kb = tmp.resolve("kb").toString();
        Run run = alex("--data-dir", kb, "edgar", "320193", "--forms", "10-Q", "--since", "2025-05-02", "--until", "2025-05-02", "--json");

        JsonNode json = JSON.readTree(run.out());
        assertThat(json.get("cik").asText()).isEqualTo("0000320193");
        assertThat(json.get("company").asText()).isEqualTo("Apple Inc.");
        assertThat(json.get("failed").asInt()).isEqualTo(1);
        JsonNode filing = json.get("filings").get(0);
        assertThat(filing.get("accession").asText()).isEqualTo("0000320193-25-000057");
        assertThat(filing.get("fiscal_period").asText()).isEqualTo("Q2-FY2025");
        assertThat(filing.get("status").asText()).isEqualTo("failed");
        assertThat(filing.get("error_code").asText()).isEqualTo("not_found");
        assertThat(run.exitCode()).isEqualTo(CliErrors.FAILED);
    }

    @Test
    void financialsPrintsRevenueAndNetIncomeByFiscalYearFromGzippedAnswers() {
        edgar.gzip(true);

        Run run = alex("financials", "SNOW");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("Snowflake Inc. (CIK 0001640147), fiscal years: USD millions");
        assertThat(run.out()).containsPattern("\\s+FY2021\\s+FY2022\\s+FY2023\\s+FY2024\\s+FY2025\\n");
        // Read off snow-companyfacts.json: revenue 592,049,000 ... 3,626,396,000; net income FY2025 -1,285,640,000.
        assertThat(run.out()).containsPattern("Revenue\\s+592\\.0\\s+1,219\\.3\\s+2,065\\.7\\s+2,806\\.5\\s+3,626\\.4\\n");
        assertThat(run.out()).containsPattern("Net income\\s+.*-836\\.1\\s+-1,285\\.6\\n");
        assertThat(run.out()).containsPattern("Diluted EPS\\s+.*-3\\.86\\n");
        assertThat(edgar.requests()).allSatisfy(r -> assertThat(r.acceptEncoding()).isEqualTo("gzip"));
    }

    @Test
    void financialsJsonCarriesEveryFigureWithItsFilingEvenAfterA429() throws Exception {
        edgar.answer(SNOW_FACTS, Answer.status(429, "0"));

        Run run = alex("financials", "SNOW", "--json");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(edgar.requestsFor(SNOW_FACTS)).as("asked again after the 429").isEqualTo(2);
        JsonNode json = JSON.readTree(run.out());
        assertThat(json.get("period_type").asText()).isEqualTo("annual");
        JsonNode revenue = find(json, "revenue", "FY2025");
        assertThat(revenue.get("value").decimalValue()).isEqualByComparingTo("3626396000");
        assertThat(revenue.get("unit").asText()).isEqualTo("USD");
        assertThat(revenue.get("start").asText()).isEqualTo("2024-02-01");
        assertThat(revenue.get("end").asText()).isEqualTo("2025-01-31");
        assertThat(revenue.get("accession").asText()).isEqualTo("0001640147-25-000052");
        assertThat(revenue.get("form").asText()).isEqualTo("10-K");
        assertThat(revenue.get("filed").asText()).isEqualTo("2025-03-21");
        assertThat(find(json, "net_income", "FY2024").get("value").decimalValue()).isEqualByComparingTo("-836097000");

        Run quarters = alex("financials", "SNOW", "--quarterly", "--json", "--periods", "1");
        JsonNode q = JSON.readTree(quarters.out());
        assertThat(q.get("periods")).hasSize(1);
        assertThat(q.get("periods").get(0).asText()).isEqualTo("Q1 FY2026");
        assertThat(find(q, "revenue", "Q1 FY2026").get("value").decimalValue()).isEqualByComparingTo("1042074000");
        assertThat(find(q, "revenue", "Q1 FY2026").get("derived").asBoolean()).isFalse();

        // The fourth quarter: no filing reports it alone, so it is the 10-K's year minus the 10-Qs' three quarters.
        JsonNode q4 = find(JSON.readTree(alex("financials", "SNOW", "--quarterly", "--json", "--periods", "2").out()),
                "revenue", "Q4 FY2025");
        assertThat(q4.get("derived").asBoolean()).isTrue();
        assertThat(q4.get("form").asText()).isEqualTo("10-K");
        Run table = alex("financials", "SNOW", "--quarterly", "--periods", "2");
        assertThat(table.out()).containsPattern("Revenue\\s+\\d[\\d,.]*\\*\\s").contains("* a fourth quarter no filing reports");
    }

    private static JsonNode find(JsonNode json, String metric, String period) {
        for (JsonNode f : json.get("figures")) {
            if (f.get("metric").asText().equals(metric) && f.get("period").asText().equals(period)) {
                return f;
            }
        }
        throw new AssertionError("no " + metric + " for " + period + " in " + json);
    }

    @Test
    void refusesToRunWithoutAUserAgentAndSaysWhy() {
        var env = new HashMap<>(edgar.env());
        env.remove(EdgarConfig.USER_AGENT_ENV);

        Run importing = Run.withEnv(env, "--data-dir", tmp.resolve("kb").toString(), "edgar", "AAPL");
        Run figures = Run.withEnv(env, "financials", "SNOW");

        for (Run run : new Run[]{importing, figures}) {
            assertThat(run.exitCode()).isEqualTo(2);
            assertThat(run.err()).contains("Set ALEX_EDGAR_USER_AGENT to your name and e-mail address")
                    .contains("refuses (403)");
        }
        assertThat(edgar.requests()).isEmpty();
    }

    @Test
    void anUnknownTickerIsNamed() {
        Run run = alex("financials", "NOPE");

        assertThat(run.exitCode()).isEqualTo(CliErrors.NOT_FOUND);
        assertThat(run.err()).contains("alex: EDGAR's ticker list has no company with the ticker 'NOPE'");
    }

    @Test
    void aFilingIndexEdgarDoesNotHaveIsAClearNotFound() {
        // MSFT is in the ticker list, but loopback has no submissions index for it.
        Run run = alex("--data-dir", tmp.resolve("kb").toString(), "edgar", "MSFT", "--since", "2025-01-01");

        assertThat(run.exitCode()).isEqualTo(CliErrors.NOT_FOUND);
        assertThat(run.err()).contains("alex: EDGAR has no submissions index of CIK 0000789019 at " + edgar.url()
                + "/submissions/CIK0000789019.json.");
    }
}
