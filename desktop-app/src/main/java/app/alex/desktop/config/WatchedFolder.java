package app.alex.desktop.config;

import app.alex.core.document.DocumentType;
import app.alex.core.search.Tags;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.util.List;

/**
 * A folder kept ingested, with the tags and type its files get: a watched folder of filings is
 * tagged the same whatever happens to be typed in the Ingest screen when a file arrives.
 * Older settings files list watched folders as plain paths; those read as untagged documents.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record WatchedFolder(String path, List<String> tags, DocumentType type) {
    @JsonCreator(mode = JsonCreator.Mode.PROPERTIES)
    public WatchedFolder {
        path = path == null ? "" : path.strip();
        tags = Tags.clean(tags);
        type = type == null ? DocumentType.DOCUMENT : type;
    }

    /** A plain path, as older settings files hold it. */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static WatchedFolder of(String path) {
        return new WatchedFolder(path, List.of(), DocumentType.DOCUMENT);
    }

    /** How the Settings list shows it. */
    public String describe() {
        String what = type == DocumentType.DOCUMENT ? "" : " · " + type.name().toLowerCase(java.util.Locale.ROOT) + "s";
        return path + (tags.isEmpty() ? "" : " · tags: " + String.join(", ", tags)) + what;
    }
}
