package app.alex.research;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Tickers named in a topic: "$NVDA", or an upper-case word of 2-5 letters that is not a common acronym. */
public final class Tickers {
    private static final Pattern CANDIDATE = Pattern.compile("(?<![\\w$])\\$?([A-Z]{1,5})(?![\\w])");
    private static final Set<String> NOT_TICKERS = Set.of("AI", "US", "USA", "EU", "UK", "CEO", "CFO", "GDP", "CPI",
            "ETF", "IPO", "USD", "EUR", "EPS", "FX", "ESG", "API", "LLM", "GPU", "CPU", "SEC", "FED", "ECB", "OPEC",
            "M", "A", "I", "Q", "YOY", "QOQ", "TAM", "EBIT", "EBITDA", "ROE", "ROI", "PE", "EV", "FY", "H1", "H2");

    private Tickers() {
    }

    public static List<String> in(String topic) {
        Set<String> out = new LinkedHashSet<>();
        Matcher m = CANDIDATE.matcher(topic == null ? "" : topic);
        while (m.find()) {
            boolean dollar = m.group().startsWith("$");
            String symbol = m.group(1);
            if (dollar || (symbol.length() >= 2 && !NOT_TICKERS.contains(symbol))) {
                out.add(symbol);
            }
        }
        return List.copyOf(out);
    }
}
