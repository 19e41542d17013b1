package app.alex.core.extract;

import app.alex.core.error.ErrorCode;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveInputStream;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.apache.commons.compress.utils.InputStreamStatistics;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Locale;

/**
 * Bounds what a DOCX (a zip of XML parts) may expand to, measured while actually inflating every
 * entry once before POI parses anything: POI holds every XML part as a DOM, so 400 MB of markup
 * took 6.3 GB of memory and 88 s. Reading stops as soon as a running total passes a cap, so a
 * 1 GB zip bomb costs one cap's worth of inflating, not its full size.
 *
 * <p>A file is read through its central directory and bytes in memory through their local
 * headers: the same ways POI opens each, so the entries checked are the entries POI will parse.
 *
 * @param maxMarkupBytes the XML parts (document, styles, headers...), which POI parses into memory
 * @param maxTotalBytes  every entry, media included
 * @param maxRatio       how many times its compressed size one entry may expand to (above 1 MiB)
 */
record ZipExpansion(long maxMarkupBytes, long maxTotalBytes, int maxRatio) {
    static final ZipExpansion DOCX = new ZipExpansion(64L << 20, 512L << 20, 100);
    /** Entries smaller than this are never refused for their ratio (tiny parts compress very well). */
    private static final long RATIO_GRACE_BYTES = 1L << 20;

    void check(Path file) throws ExtractionException, IOException {
        try (ZipFile zip = ZipFile.builder().setPath(file).get()) {
            var running = new Running();
            for (ZipArchiveEntry entry : Collections.list(zip.getEntries())) {
                try (InputStream in = zip.getInputStream(entry)) {
                    running.inflate(entry, in);
                }
            }
        }
    }

    void check(byte[] content) throws ExtractionException, IOException {
        try (var zip = new ZipArchiveInputStream(new ByteArrayInputStream(content))) {
            var running = new Running();
            ZipArchiveEntry entry;
            while ((entry = zip.getNextEntry()) != null) {
                running.inflate(entry, zip);
            }
        }
    }

    private final class Running {
        private final byte[] buffer = new byte[64 * 1024];
        private long markup;
        private long total;

        void inflate(ZipArchiveEntry entry, InputStream in) throws ExtractionException, IOException {
            boolean isMarkup = isMarkup(entry.getName());
            long expanded = 0;
            int n;
            while ((n = in.read(buffer)) > 0) {
                expanded += n;
                total += n;
                if (isMarkup) {
                    markup += n;
                }
                if (isMarkup && markup > maxMarkupBytes) {
                    throw bomb(ErrorCode.PAYLOAD_TOO_LARGE, "expands past " + (maxMarkupBytes >> 20) + " MB of text markup");
                }
                if (total > maxTotalBytes) {
                    throw bomb(ErrorCode.PAYLOAD_TOO_LARGE, "expands past " + (maxTotalBytes >> 20) + " MB");
                }
                checkRatio(entry, expanded, compressedSoFar(in));
            }
        }

        /** Compressed bytes consumed so far for this entry (both commons-compress readers count them). */
        private static long compressedSoFar(InputStream in) {
            return in instanceof InputStreamStatistics statistics ? statistics.getCompressedCount() : -1;
        }

        private void checkRatio(ZipArchiveEntry entry, long expanded, long compressed) throws ExtractionException {
            if (expanded > RATIO_GRACE_BYTES && compressed > 0 && expanded > compressed * maxRatio) {
                throw bomb(ErrorCode.UNPROCESSABLE_DOCUMENT, "part " + entry.getName() + " expands to more than "
                        + maxRatio + " times its compressed size");
            }
        }
    }

    private static boolean isMarkup(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.endsWith(".xml") || lower.endsWith(".rels") || lower.endsWith(".vml");
    }

    private static ExtractionException bomb(ErrorCode code, String why) {
        return new ExtractionException(code, "DOCX " + why + ": refused as a possible zip bomb");
    }
}
