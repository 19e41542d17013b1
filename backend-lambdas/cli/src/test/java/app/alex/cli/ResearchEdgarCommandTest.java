package app.alex.cli;

import app.alex.edgar.testing.LoopbackEdgar;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code alex research} reads the ALEX_EDGAR_* settings once: with a user agent (pointed at EDGAR on
 * loopback) the extractive brief quotes the company's figures from its filings; without one
 * nothing asks EDGAR anything.
 */
class ResearchEdgarCommandTest {
    @TempDir
    Path tmp;
    private final LoopbackEdgar edgar = LoopbackEdgar.start();

    @AfterEach
    void stop() {
        edgar.close();
    }

    @Test
    void withAUserAgentTheBriefHasTheFiguresAndWithoutOneEdgarIsNeverAsked() {
        String kb = tmp.resolve("kb").toString();

        Run off = Run.withEnv(Map.of(), "--data-dir", kb, "research", "--quiet", "SNOW");

        assertThat(off.exitCode()).as(off.err()).isZero();
        assertThat(off.out()).contains("# Extractive brief: SNOW").doesNotContain("## Figures");
        assertThat(edgar.requests()).isEmpty();

        Run on = Run.withEnv(edgar.env(), "--data-dir", kb, "research", "--quiet", "SNOW");

        assertThat(on.exitCode()).as(on.err()).isZero();
        assertThat(on.out()).contains("## Figures")
                .contains("- **Revenue FY2025:** $3,626.4 million (FY2024: $2,806.5 million; change +$819.9 million, +29.2%) [1]")
                .contains("1. [Snowflake Inc. 10-K filed 2025-03-21 (accession 0001640147-25-000052)](" + edgar.url()
                        + "/Archives/edgar/data/1640147/000164014725000052/) (SEC EDGAR filing)");
    }
}
