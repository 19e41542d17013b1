package app.alex.edgar.company;

/**
 * A company as the user named it.
 *
 * @param cik    its number on EDGAR
 * @param ticker the ticker it was found by, or "" when the user gave the CIK
 * @param title  its name in EDGAR's ticker list, or "" when the user gave the CIK
 */
public record CompanyRef(Cik cik, String ticker, String title) {
}
