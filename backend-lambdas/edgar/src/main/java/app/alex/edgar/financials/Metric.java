package app.alex.edgar.financials;

import java.util.List;

/**
 * A headline figure and the US GAAP concepts companies report it under, in order of preference:
 * for each period the first concept with a value wins (Snowflake reports revenue as
 * RevenueFromContractWithCustomerExcludingAssessedTax, older filings as Revenues or SalesRevenueNet).
 */
public enum Metric {
    REVENUE("Revenue", Kind.MONEY, false, List.of("Revenues", "RevenueFromContractWithCustomerExcludingAssessedTax",
            "RevenueFromContractWithCustomerIncludingAssessedTax", "SalesRevenueNet", "SalesRevenueGoodsNet",
            "SalesRevenueServicesNet", "RevenuesNetOfInterestExpense")),
    GROSS_PROFIT("Gross profit", Kind.MONEY, false, List.of("GrossProfit")),
    OPERATING_INCOME("Operating income", Kind.MONEY, false, List.of("OperatingIncomeLoss")),
    NET_INCOME("Net income", Kind.MONEY, false, List.of("NetIncomeLoss", "ProfitLoss", "NetIncomeLossAvailableToCommonStockholdersBasic")),
    EPS_DILUTED("Diluted EPS", Kind.PER_SHARE, false, List.of("EarningsPerShareDiluted", "EarningsPerShareBasicAndDiluted")),
    DILUTED_SHARES("Diluted shares", Kind.SHARES, false, List.of("WeightedAverageNumberOfDilutedSharesOutstanding")),
    OPERATING_CASH_FLOW("Operating cash flow", Kind.MONEY, false, List.of("NetCashProvidedByUsedInOperatingActivities",
            "NetCashProvidedByUsedInOperatingActivitiesContinuingOperations")),
    CASH("Cash and equivalents", Kind.MONEY, true, List.of("CashAndCashEquivalentsAtCarryingValue",
            "CashCashEquivalentsRestrictedCashAndRestrictedCashEquivalents", "Cash")),
    TOTAL_ASSETS("Total assets", Kind.MONEY, true, List.of("Assets")),
    TOTAL_LIABILITIES("Total liabilities", Kind.MONEY, true, List.of("Liabilities")),
    STOCKHOLDERS_EQUITY("Stockholders' equity", Kind.MONEY, true, List.of("StockholdersEquity",
            "StockholdersEquityIncludingPortionAttributableToNoncontrollingInterest"));

    /** What a value measures, which decides the units it is reported in. */
    public enum Kind {
        /** USD (or the filer's currency). */
        MONEY,
        /** USD/shares. */
        PER_SHARE,
        /** shares. */
        SHARES;

        boolean accepts(String unit) {
            return switch (this) {
                case MONEY -> !unit.contains("/") && !unit.equalsIgnoreCase("shares") && !unit.equalsIgnoreCase("pure");
                case PER_SHARE -> unit.toLowerCase(java.util.Locale.ROOT).endsWith("/shares");
                case SHARES -> unit.equalsIgnoreCase("shares");
            };
        }
    }

    private final String label;
    private final Kind kind;
    private final boolean instant;
    private final List<String> concepts;

    Metric(String label, Kind kind, boolean instant, List<String> concepts) {
        this.label = label;
        this.kind = kind;
        this.instant = instant;
        this.concepts = concepts;
    }

    public String label() {
        return label;
    }

    public Kind kind() {
        return kind;
    }

    /** A balance on a day (assets, cash) rather than a flow over the period (revenue). */
    public boolean instant() {
        return instant;
    }

    /** The us-gaap concepts, most preferred first. */
    public List<String> concepts() {
        return concepts;
    }

    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
