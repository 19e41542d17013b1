package app.alex.research.feed;

import app.alex.core.error.AlexException;
import app.alex.core.error.ErrorCode;
import app.alex.core.research.ResearchReport;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Reports from before the feed moved into the knowledge base: one {@code <id>.json} per report in
 * the data folder's {@code research/}. Opening the feed moves each one into the store (unless the
 * store already has it) and then the file into {@code research/imported/}, so nothing is lost and
 * nothing is imported twice. A file that cannot be read stays where it is, with a warning.
 */
public final class LegacyReportFiles {
    public static final String IMPORTED = "imported";
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private LegacyReportFiles() {
    }

    /** @return the ids imported */
    public static List<String> importInto(Path folder, ReportStore store) {
        List<String> imported = new ArrayList<>();
        if (!Files.isDirectory(folder)) {
            return imported;
        }
        List<Path> files;
        try (Stream<Path> list = Files.list(folder)) {
            files = list.filter(LegacyReportFiles::isReportFile).sorted().toList();
        } catch (IOException e) {
            throw new AlexException(ErrorCode.INTERNAL, "Cannot read the research folder " + folder + ": " + e.getMessage());
        }
        for (Path file : files) {
            ResearchReport report;
            try {
                report = JSON.readValue(file.toFile(), ResearchReport.class);
                if (report.id() == null || report.createdAt() == null) {
                    throw new IOException("not a research report");
                }
            } catch (IOException | RuntimeException e) {
                System.err.println("Warning: " + file + " is not a readable research report; it is left as it is ("
                        + e.getClass().getSimpleName() + ").");
                continue;
            }
            if (store.get(report.id()).isEmpty()) {
                store.save(report);
                imported.add(report.id());
            }
            try {
                Path done = Files.createDirectories(folder.resolve(IMPORTED));
                Files.move(file, done.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException e) {
                throw new AlexException(ErrorCode.INTERNAL, "Imported " + file + " into the knowledge base but cannot move it to "
                        + IMPORTED + "/: " + e.getMessage());
            }
        }
        return imported;
    }

    /** Reports were {@code <id>.json}; hidden files (the schedule's state) are not reports. */
    private static boolean isReportFile(Path file) {
        String name = file.getFileName().toString();
        return Files.isRegularFile(file) && name.endsWith(".json") && !name.startsWith(".");
    }
}
