package app.alex.desktop.ui;

import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.feather.Feather;

/** The workbench screens in navigation order; Ctrl+1..7 selects them. */
public enum Screen {
    FEED("Feed", Feather.INBOX),
    RESEARCH("Research", Feather.EDIT_3),
    INGEST("Ingest", Feather.UPLOAD),
    SEARCH("Search", Feather.SEARCH),
    LIBRARY("Library", Feather.BOOK_OPEN),
    FINANCIALS("Financials", Feather.BAR_CHART_2),
    SETTINGS("Settings", Feather.SETTINGS);

    private final String title;
    private final Ikon icon;

    Screen(String title, Ikon icon) {
        this.title = title;
        this.icon = icon;
    }

    public String title() {
        return title;
    }

    public Ikon icon() {
        return icon;
    }

    /** Id used for the navigation button and the screenshot file, e.g. "search". */
    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** 1-based shortcut digit. */
    public int shortcut() {
        return ordinal() + 1;
    }
}
