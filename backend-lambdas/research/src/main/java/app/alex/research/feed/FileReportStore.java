package app.alex.research.feed;

import app.alex.core.error.AlexException;
import app.alex.core.error.ErrorCode;
import app.alex.core.research.FeedPage;
import app.alex.core.research.FeedQuery;
import app.alex.core.research.ResearchReport;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * The research feed on one machine: one JSON file per report in the knowledge base folder's
 * {@code research/}, written to a temporary file and moved into place so a crash never leaves a
 * half-written report. All reports are read once at open (a feed holds hundreds, not millions);
 * a file that cannot be read is set aside with a warning, never deleted.
 */
public final class FileReportStore implements ReportStore {
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private static final Comparator<ResearchReport> NEWEST_FIRST =
            Comparator.comparing(ResearchReport::createdAt).thenComparing(ResearchReport::id).reversed();

    private final Path folder;
    private final Map<String, ResearchReport> reports = new ConcurrentHashMap<>();
    private final List<String> unreadable = new ArrayList<>();

    public FileReportStore(Path folder) {
        this.folder = folder;
        try {
            Files.createDirectories(folder);
            try (Stream<Path> files = Files.list(folder)) {
                for (Path file : files.filter(FileReportStore::isReportFile).toList()) {
                    try {
                        ResearchReport report = JSON.readValue(file.toFile(), ResearchReport.class);
                        if (report.id() == null) {
                            throw new IOException("not a research report");
                        }
                        reports.put(report.id(), report);
                    } catch (IOException | RuntimeException e) {
                        // Another file in the folder, or a damaged report: keep it, skip it, say so.
                        unreadable.add(file.getFileName().toString());
                        System.err.println("Warning: " + file + " is not a readable research report and is skipped ("
                                + e.getClass().getSimpleName() + ").");
                    }
                }
            }
        } catch (IOException e) {
            throw new AlexException(ErrorCode.INTERNAL, "Cannot open the research folder " + folder + ": " + e.getMessage());
        }
    }

    /** Reports are {@code <id>.json}; hidden files (the schedule's state) are not reports. */
    private static boolean isReportFile(Path file) {
        String name = file.getFileName().toString();
        return name.endsWith(".json") && !name.startsWith(".");
    }

    /** File names of reports that could not be read at open (kept on disk for the analyst). */
    public List<String> unreadable() {
        return List.copyOf(unreadable);
    }

    @Override
    public synchronized void save(ResearchReport report) {
        write(report);
        reports.put(report.id(), report);
    }

    @Override
    public FeedPage page(FeedQuery query) {
        List<ResearchReport> matching = reports.values().stream().filter(r -> matches(r, query)).sorted(NEWEST_FIRST).toList();
        long unread = reports.values().stream().filter(r -> !r.read()).count();
        int start = 0;
        if (query.cursor() != null) {
            String after = decode(query.cursor());
            start = matching.size();
            for (int i = 0; i < matching.size(); i++) {
                if (key(matching.get(i)).compareTo(after) < 0) {
                    start = i;
                    break;
                }
            }
        }
        int end = Math.min(matching.size(), start + query.limit());
        List<ResearchReport> page = matching.subList(start, end);
        String next = end < matching.size() ? encode(key(page.getLast())) : null;
        return new FeedPage(page, next, unread);
    }

    static boolean matches(ResearchReport r, FeedQuery q) {
        if (q.unreadOnly() && r.read()) {
            return false;
        }
        if (q.topicOrTicker() == null || q.topicOrTicker().isBlank()) {
            return true;
        }
        String needle = q.topicOrTicker().strip().toLowerCase(Locale.ROOT);
        return r.topic().toLowerCase(Locale.ROOT).contains(needle) || r.title().toLowerCase(Locale.ROOT).contains(needle)
                || r.tickers().stream().anyMatch(t -> t.equalsIgnoreCase(needle.replace("$", "")));
    }

    /** Sorts like NEWEST_FIRST when compared as strings: fixed-width time, then id. */
    private static String key(ResearchReport r) {
        return String.format(Locale.ROOT, "%020d|%s", r.createdAt().toEpochMilli(), r.id());
    }

    private static String encode(String key) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(key.getBytes(StandardCharsets.UTF_8));
    }

    private static String decode(String cursor) {
        try {
            return new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw AlexException.badRequest("The feed cursor is not valid: start again from the first page.");
        }
    }

    @Override
    public Optional<ResearchReport> get(String id) {
        return Optional.ofNullable(reports.get(id));
    }

    @Override
    public synchronized boolean markRead(String id, boolean read) {
        ResearchReport r = reports.get(id);
        if (r == null) {
            return false;
        }
        if (r.read() != read) {
            save(new ResearchReport(r.id(), r.topic(), r.title(), r.markdown(), r.citations(), r.createdAt(), r.model(),
                    r.extractive(), r.trigger(), r.tickers(), read));
        }
        return true;
    }

    private void write(ResearchReport report) {
        if (!report.id().matches("[A-Za-z0-9_.-]{1,100}")) {
            throw new IllegalArgumentException("report id not safe as a file name: " + report.id());
        }
        Path target = folder.resolve(report.id() + ".json");
        Path temp = folder.resolve(report.id() + ".json.tmp");
        try {
            Files.write(temp, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(report));
            try (var channel = java.nio.channels.FileChannel.open(temp, java.nio.file.StandardOpenOption.WRITE)) {
                channel.force(true);
            }
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new AlexException(ErrorCode.INTERNAL, "Cannot save the research report to " + folder + ": " + e.getMessage());
        }
    }
}
