package app.alex.edgar.filings;

import app.alex.core.error.ErrorCode;
import app.alex.edgar.company.Filing;
import app.alex.edgar.company.FiscalPeriod;

/**
 * What importing one filing did.
 *
 * @param filing     the filing
 * @param period     the fiscal period it reports (null for forms that report none, like 8-K)
 * @param url        its primary document's address
 * @param status     imported, skipped (already in the knowledge base) or failed
 * @param documentId the knowledge base document (null when failed)
 * @param title      the document title
 * @param chunkCount passages stored (for a skipped filing: those stored before)
 * @param errorCode  why it failed (null unless failed)
 * @param error      a message a person understands (null unless failed)
 */
public record FilingResult(Filing filing, FiscalPeriod period, String url, Status status, String documentId, String title,
                           int chunkCount, ErrorCode errorCode, String error) {

    public enum Status {
        IMPORTED, SKIPPED, FAILED;

        public String wireName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
