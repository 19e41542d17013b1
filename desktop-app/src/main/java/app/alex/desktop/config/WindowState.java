package app.alex.desktop.config;

/**
 * Where the analyst left the window: its bounds, the screen shown and the Library's order. Kept
 * in {@code window.json} beside the settings, so a relaunch looks like the last session.
 *
 * @param screen       the screen's name ({@code LIBRARY}), null for the first one
 * @param librarySort  the Library's order's name ({@code TITLE}), null for newest first
 */
public record WindowState(double x, double y, double width, double height, boolean maximized, String screen,
                          String librarySort) {
    /** Nothing remembered yet: the window opens at its default size. */
    public static final WindowState NONE = new WindowState(Double.NaN, Double.NaN, 0, 0, false, null, null);

    public boolean hasBounds() {
        return width > 0 && height > 0 && !Double.isNaN(x) && !Double.isNaN(y);
    }
}
